"""The VUM standard's rules in-process from Python, through libvum_c (ctypes).

    import vum

    validator = vum.Validator(codelists=["/usr/local/share/vum/codelists"])
    result = validator.validate(open("profile.json").read())   # a Werkzoekende
    for v in result.violations:
        print(v.rule_id, v.severity, v.path, v.message)
    print("conforms" if result.conforms else "does not conform")

A document that cannot be read raises ParseError (naming the property, never a
value); a record that breaks rules is a Result whose `conforms` is False.

The library is found through the environment variable VUM_LIBRARY (a path),
else as libvum_c.so.1 on the system's library path. A Validator may be used
from many threads at once.
"""

import ctypes
import ctypes.util
import json
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Union, Tuple

__all__ = ["Validator", "Result", "Violation", "VumError", "ParseError", "NotFound",
           "convert", "library_version", "standard_version"]

_OK, _INVALID_ARGUMENT, _NOT_FOUND = 0, 3, 5
_FORMATS = {"json": 1, "binary": 2}


class VumError(Exception):
    """A call into the library failed; `code` is the C API's vum_status."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code


class ParseError(VumError):
    """The document could not be read as a record of the type (could not validate)."""


class NotFound(VumError):
    """No record type of that name, or a missing code-list folder."""


@dataclass(frozen=True)
class Violation:
    rule_id: str
    severity: str  # "error", "warning" or "info"
    path: str
    related_paths: List[str] = field(default_factory=list)
    params: Dict[str, str] = field(default_factory=dict)
    message: str = ""


@dataclass(frozen=True)
class Result:
    conforms: bool
    violations: List[Violation]
    unchecked: List[str]  # rules bound to a code list that was not loaded


def _load() -> ctypes.CDLL:
    path = os.environ.get("VUM_LIBRARY") or ctypes.util.find_library("vum_c") or "libvum_c.so.1"
    lib = ctypes.CDLL(path)
    lib.vum_version.restype = ctypes.c_char_p
    lib.vum_standard_version.restype = ctypes.c_char_p
    lib.vum_c_api_version.restype = ctypes.c_int
    lib.vum_validator_create.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p),
                                         ctypes.POINTER(ctypes.c_void_p)]
    lib.vum_validator_free.argtypes = [ctypes.c_void_p]
    lib.vum_validate.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                                 ctypes.c_char_p, ctypes.c_size_t,
                                 ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]
    lib.vum_convert.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t,
                                ctypes.c_int, ctypes.POINTER(ctypes.c_void_p),
                                ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(ctypes.c_void_p)]
    lib.vum_free.argtypes = [ctypes.c_void_p]
    lib.vum_batch_read.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                   ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]
    lib.vum_batch_write.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t,
                                    ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p),
                                    ctypes.POINTER(ctypes.c_size_t),
                                    ctypes.POINTER(ctypes.c_void_p)]
    lib.vum_view.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t,
                             ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p),
                             ctypes.POINTER(ctypes.c_void_p)]
    lib.vum_delta_apply.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                    ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p),
                                    ctypes.POINTER(ctypes.c_void_p),
                                    ctypes.POINTER(ctypes.c_size_t),
                                    ctypes.POINTER(ctypes.c_void_p)]
    lib.vum_caseload_create.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p),
                                        ctypes.POINTER(ctypes.c_void_p)]
    lib.vum_caseload_free.argtypes = [ctypes.c_void_p]
    for put in (lib.vum_caseload_put, lib.vum_caseload_put_process):
        put.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t,
                        ctypes.POINTER(ctypes.c_void_p)]
    lib.vum_select.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p,
                               ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]
    if lib.vum_c_api_version() != 1:
        raise ImportError(f"{path}: C API version {lib.vum_c_api_version()}, this binding needs 1")
    return lib


_lib = _load()


def _take(pointer: ctypes.c_void_p, size: Optional[int] = None) -> bytes:
    """The bytes the library allocated, released back to it."""
    if not pointer.value:
        return b""
    data = ctypes.string_at(pointer.value, size) if size is not None else ctypes.string_at(pointer.value)
    _lib.vum_free(pointer)
    return data


def _raise(status: int, error: ctypes.c_void_p) -> None:
    message = _take(error).decode("utf-8", "replace")
    if status == _INVALID_ARGUMENT:
        raise ParseError(status, message)
    if status == _NOT_FOUND:
        raise NotFound(status, message)
    raise VumError(status, message)


def _bytes(data: Union[str, bytes]) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def library_version() -> str:
    return _lib.vum_version().decode()


def standard_version() -> str:
    return _lib.vum_standard_version().decode()


class Validator:
    """Code lists loaded and rules compiled once; thread-safe."""

    def __init__(self, codelists: Sequence[str] = (), reference_date: Optional[str] = None,
                 language: str = "nl", min_severity: str = "info", pilot_transition: bool = False):
        options = {"codelists": list(codelists), "language": language,
                   "minSeverity": min_severity, "pilotTransition": pilot_transition}
        if reference_date is not None:
            options["referenceDate"] = reference_date
        handle, error = ctypes.c_void_p(), ctypes.c_void_p()
        status = _lib.vum_validator_create(json.dumps(options).encode(), ctypes.byref(handle),
                                           ctypes.byref(error))
        if status != _OK:
            _raise(status, error)
        self._handle = handle

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle is not None and handle.value:
            _lib.vum_validator_free(handle)
            self._handle = None

    def read_batch(self, data: bytes) -> dict:
        """Reads a VUM batch file held in memory and gives every record a verdict:
        {"status": "whole" or the damage, "header": {...}, "read", "accepted", "rejected",
        "rejectedRecords": [{"index", "kind", "problem", "errors"}]}. A damaged file is
        a result, not an exception."""
        raw = bytes(data)
        out, error = ctypes.c_void_p(), ctypes.c_void_p()
        status = _lib.vum_batch_read(self._handle, raw, len(raw), ctypes.byref(out),
                                     ctypes.byref(error))
        if status != _OK:
            _raise(status, error)
        return json.loads(_take(out))

    def validate(self, data: Union[str, bytes], record_type: str = "werkzoekende",
                 format: str = "json") -> Result:
        """Reads `data` (VUM JSON, or protobuf binary with format="binary") as a record of
        `record_type` ("werkzoekende", "vacature", or a full name "vum.v1.Werkzoekende")
        and validates it. Raises ParseError if it cannot be read."""
        raw = _bytes(data)
        out, error = ctypes.c_void_p(), ctypes.c_void_p()
        status = _lib.vum_validate(self._handle, record_type.encode(), _FORMATS[format], raw,
                                   len(raw), ctypes.byref(out), ctypes.byref(error))
        if status != _OK:
            _raise(status, error)
        parsed = json.loads(_take(out))
        return Result(
            conforms=parsed["conforms"],
            violations=[Violation(v["ruleId"], v["severity"], v["path"], v["relatedPaths"],
                                  v["params"], v["message"]) for v in parsed["violations"]],
            unchecked=parsed["unchecked"])


def convert(data: Union[str, bytes], record_type: str = "werkzoekende", source: str = "json",
            target: str = "binary") -> bytes:
    """A record of `record_type` in `source` ("json" or "binary") written in `target`:
    compact VUM JSON (UTF-8 bytes) or protobuf binary."""
    raw = _bytes(data)
    out, size, error = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
    status = _lib.vum_convert(record_type.encode(), _FORMATS[source], raw, len(raw),
                              _FORMATS[target], ctypes.byref(out), ctypes.byref(size),
                              ctypes.byref(error))
    if status != _OK:
        _raise(status, error)
    return _take(out, size.value)


def write_batch(records: Sequence[Union[str, bytes]], record_type: str = "werkzoekende",
                afzender: Optional[str] = None, ontvanger: Optional[str] = None,
                compress: bool = False, basis: Optional[str] = None,
                volgnummer: Optional[int] = None) -> bytes:
    """A full VUM batch of `records` (VUM JSON documents of `record_type`), or a delta
    when `basis` (the full batch's id) and `volgnummer` (from 1) are given. Raises
    ParseError naming the line (from 1) of a record that cannot be read."""
    ndjson = b"\n".join(_bytes(r).replace(b"\n", b" ") for r in records)
    options = {"compress": compress}
    if basis is not None:
        options["basis"] = basis
    if volgnummer is not None:
        options["volgnummer"] = volgnummer
    if afzender is not None:
        options["afzender"] = afzender
    if ontvanger is not None:
        options["ontvanger"] = ontvanger
    out, size, error = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
    status = _lib.vum_batch_write(record_type.encode(), ndjson, len(ndjson),
                                  json.dumps(options).encode(), ctypes.byref(out),
                                  ctypes.byref(size), ctypes.byref(error))
    if status != _OK:
        _raise(status, error)
    return _take(out, size.value)


def view(data: Union[str, bytes], audience: str, record_type: str = "werkzoekende",
         special_category_consent: bool = False, format: str = "json") -> str:
    """The record as `audience` ("employer", "mediator" or "owner") may see it, as
    VUM JSON (docs/privacy.md)."""
    raw = _bytes(data)
    options = {"view": audience, "specialCategoryConsent": special_category_consent}
    out, error = ctypes.c_void_p(), ctypes.c_void_p()
    status = _lib.vum_view(record_type.encode(), _FORMATS[format], raw, len(raw),
                           json.dumps(options).encode(), ctypes.byref(out), ctypes.byref(error))
    if status != _OK:
        _raise(status, error)
    return _take(out).decode("utf-8")


def apply_delta(full: bytes, delta: bytes) -> Tuple[dict, Optional[bytes]]:
    """Applies a delta batch to a full batch: ({"status": "applied", "sequence", "ids"},
    the new full batch), or ({"status": the refusal}, None)."""
    result, out, size, error = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_size_t(), \
        ctypes.c_void_p()
    status = _lib.vum_delta_apply(bytes(full), len(full), bytes(delta), len(delta),
                                  ctypes.byref(result), ctypes.byref(out), ctypes.byref(size),
                                  ctypes.byref(error))
    if status != _OK:
        _raise(status, error)
    parsed = json.loads(_take(result))
    return parsed, (_take(out, size.value) if out.value else None)


@dataclass
class SelectionAnswer:
    refused: bool
    violations: List[Violation]
    ignored: List[str]  # "INDEX:REASON" per criterion not applied
    answer: Optional[dict]  # the answer object, None when refused


class Caseload:
    """A source's caseload for selection questions: profiles (or vacancies) and their
    process data. Add records from one thread; select from many."""

    def __init__(self, codelists: Sequence[str], kind: str = "werkzoekenden"):
        handle, error = ctypes.c_void_p(), ctypes.c_void_p()
        options = {"codelists": list(codelists), "kind": kind}
        status = _lib.vum_caseload_create(json.dumps(options).encode(), ctypes.byref(handle),
                                          ctypes.byref(error))
        if status != _OK:
            _raise(status, error)
        self._handle = handle

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle is not None and handle.value:
            _lib.vum_caseload_free(handle)
            self._handle = None

    def _put(self, function, data: Union[str, bytes], format: str) -> None:
        raw = _bytes(data)
        error = ctypes.c_void_p()
        status = function(self._handle, _FORMATS[format], raw, len(raw), ctypes.byref(error))
        if status != _OK:
            _raise(status, error)

    def put(self, data: Union[str, bytes], format: str = "json") -> None:
        """Adds or replaces one record. Raises ParseError if it cannot be read."""
        self._put(_lib.vum_caseload_put, data, format)

    def put_process(self, data: Union[str, bytes], format: str = "json") -> None:
        """Adds or replaces one person's process data (consents)."""
        self._put(_lib.vum_caseload_put_process, data, format)

    def select(self, question: Union[str, bytes], form: str = "bron", at: Optional[str] = None,
               legal_basis: bool = False, max_results: int = 100, k: int = 10,
               vum_extensions: bool = False) -> SelectionAnswer:
        """Answers a selection question as a source would: form "bron" gives the
        koppelvlak 3.0 answer, form "vum" vum's own (vumIDs, views, k)."""
        options = {"form": form, "legalBasis": legal_basis, "maxResults": max_results,
                   "vumExtensions": vum_extensions}
        if form == "vum":
            options["k"] = k
        if at is not None:
            options["at"] = at
        out, error = ctypes.c_void_p(), ctypes.c_void_p()
        status = _lib.vum_select(self._handle, _bytes(question), json.dumps(options).encode(),
                                 ctypes.byref(out), ctypes.byref(error))
        if status != _OK:
            _raise(status, error)
        parsed = json.loads(_take(out))
        return SelectionAnswer(
            refused=parsed["refused"],
            violations=[Violation(v["ruleId"], v["severity"], v["path"], v["relatedPaths"],
                                  v["params"], v["message"]) for v in parsed["violations"]],
            ignored=parsed["ignored"],
            answer=parsed.get("answer"))

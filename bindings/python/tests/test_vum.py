"""The Python binding: verdicts as the C++ library gives them, the two kinds
of failure, conversion, options, no value in any message, threads."""
import json
import os
import pathlib
import subprocess
import threading

import pytest

import vum

SOURCE = pathlib.Path(__file__).resolve().parents[3]
CODELISTS = [str(SOURCE / "codelists")]


@pytest.fixture(scope="module")
def validator():
    return vum.Validator(codelists=CODELISTS, reference_date="2026-06-01")


def test_versions():
    assert vum.library_version()
    assert vum.standard_version()


def test_every_example_gets_the_verdict_of_vum_validate(validator):
    """Record for record the same rule ids, paths and verdict as the C++ tool."""
    tool = os.environ.get("VUM_TOOL")
    if tool is None:
        pytest.skip("VUM_TOOL is not set")
    types = {"werkzoekenden": "werkzoekende", "broken": "werkzoekende",
             "vacatures": "vacature", "procesgegevens": "procesgegevens"}
    examples = [p for p in sorted((SOURCE / "examples").glob("*/*.json"))
                if p.parent.name in types]
    assert len(examples) > 5
    for path in examples:
        record_type = types[path.parent.name]
        out = subprocess.run(
            [tool, "validate", "--format", "json", "--reference-date", "2026-06-01",
             "--type", record_type, str(path)],
            capture_output=True, text=True, check=False)
        report = json.loads(out.stdout)
        expected = [(v["ruleId"], v["path"], v["severity"])
                    for v in report["files"][0]["violations"]]
        result = validator.validate(path.read_bytes(), record_type)
        assert [(v.rule_id, v.path, v.severity) for v in result.violations] == expected, path
        assert result.conforms == (out.returncode == 0), path


def test_a_broken_record_does_not_conform(validator):
    result = validator.validate('{"mobiliteit": {"maximaleReisafstand": 5000}}')
    assert not result.conforms
    ids = {v.rule_id for v in result.violations}
    assert "WZ-01" in ids
    assert all(isinstance(v, vum.Violation) for v in result.violations)
    assert all("5000" not in v.message for v in result.violations)


def test_an_unreadable_document_raises_and_names_the_property(validator):
    with pytest.raises(vum.ParseError) as caught:
        validator.validate('{"idWerkzoekende": 12345678}')
    assert "idWerkzoekende" in str(caught.value)
    assert "12345678" not in str(caught.value)
    with pytest.raises(vum.NotFound):
        validator.validate("{}", record_type="cv")


def test_empty_values_are_read_as_absent(validator):
    result = validator.validate('{"idWerkzoekende": "a", "emailadres": [], "mobiliteit": null}')
    assert result.conforms
    assert [v.path for v in result.violations if v.rule_id == "JSON-01"] == ["emailadres",
                                                                          "mobiliteit"]


def test_options_are_checked():
    with pytest.raises(vum.ParseError, match="language"):
        vum.Validator(language="fr")
    with pytest.raises(vum.NotFound):
        vum.Validator(codelists=["/no/such/folder"])
    english = vum.Validator(codelists=CODELISTS, language="en", min_severity="error")
    result = english.validate('{"idWerkzoekende": ""}')
    assert [v.rule_id for v in result.violations] == ["WZ-01"]


def test_without_code_lists_bound_rules_are_unchecked_not_passed():
    result = vum.Validator().validate('{"idWerkzoekende": "a", "sector": [{"codeSbi": 4711}]}')
    assert result.unchecked


def test_convert_round_trips():
    doc = '{"idWerkzoekende":"a","werktijden":{"aantalWerkurenPerWeekMinimaal":20}}'
    binary = vum.convert(doc, "werkzoekende", "json", "binary")
    assert vum.convert(binary, "vum.v1.Werkzoekende", "binary", "json").decode() == doc


def test_one_validator_many_threads(validator):
    doc = '{"idWerkzoekende": "a", "mobiliteit": {"maximaleReisafstand": 5000}}'
    expected = validator.validate(doc)
    same = []

    def work():
        same.append(all(validator.validate(doc) == expected for _ in range(100)))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert same == [True] * 4


CONSENT = ('{"idWerkzoekende": "%s", "toestemming": [{"idToestemming": '
           '"5b0e8a8c-3f5e-4a8e-9d6f-1c2b3a4d5e6f", "idWerkzoekende": "%s", "doel": 1, '
           '"verleendOp": "2026-01-01T00:00:00Z", "grondslag": 1}]}')


def test_a_caseload_answers_a_question_as_a_source_would():
    caseload = vum.Caseload(CODELISTS)
    for person in ("wz-1", "wz-2"):
        caseload.put('{"idWerkzoekende": "%s", "persoonlijkePresentatie": "Ik ben Jan", '
                     '"mobiliteit": {"bemiddelingspostcode": "5611AA"}}' % person)
    caseload.put_process(CONSENT % ("wz-1", "wz-1"))
    question = '{"vraagObject": {"selectiegebied": {"postcode": "5611AB", "afstand": 10}}}'
    a = caseload.select(question, at="2026-06-01T12:00:00Z")
    assert not a.refused
    # Only the person with a consent, in the first round (no free text).
    assert [m["idWerkzoekende"] for m in a.answer["matches"]] == ["wz-1"]
    assert "persoonlijkePresentatie" not in a.answer["matches"][0]
    assert a.answer["maximumAantalResultatenBereikt"] is False
    refused = caseload.select('{"selectiegebied": {"postcode": "5611AB", "afstand": 1000}}')
    assert refused.refused and refused.answer is None
    assert any(v.severity == "error" for v in refused.violations)
    with pytest.raises(vum.ParseError):
        caseload.select("not json")
    with pytest.raises(vum.NotFound):
        vum.Caseload(["/nonexistent"])


def test_a_batch_is_written_and_read_back_with_a_verdict_per_record(validator):
    batch = vum.write_batch(['{"idWerkzoekende": "wz-1"}',
                             '{"idWerkzoekende": "wz-2", "mobiliteit": {"maximaleReisafstand": 5000}}'],
                            afzender="00000001001234567000", compress=True)
    result = validator.read_batch(batch)
    assert (result["status"], result["read"], result["accepted"], result["rejected"]) == \
        ("whole", 2, 1, 1)
    assert [r["index"] for r in result["rejectedRecords"]] == [1]
    assert validator.read_batch(batch[:-5])["status"] != "whole"
    assert validator.read_batch(b"hello")["status"] == "not-a-batch"
    with pytest.raises(vum.ParseError, match="line 2"):
        vum.write_batch(['{"idWerkzoekende": "a"}', '{"geheim": "Jan"}'])


def test_a_delta_written_here_follows_its_full_batch(validator):
    full = vum.write_batch(['{"idWerkzoekende":"wz-1"}', '{"idWerkzoekende":"wz-2"}'])
    basis = validator.read_batch(full)["header"]["batchId"]
    delta = vum.write_batch(['{"idWerkzoekende":"wz-3"}'], basis=basis, volgnummer=1)
    result, batch = vum.apply_delta(full, delta)
    assert result == {"status": "applied", "sequence": 1, "ids": ["wz-1", "wz-2", "wz-3"]}
    assert batch
    assert vum.apply_delta(full, full) == ({"status": "not-delta"}, None)
    with pytest.raises(vum.VumError):
        vum.write_batch(['{"idWerkzoekende":"wz-3"}'], volgnummer=1)

#!/usr/bin/env python3
"""Validates one VUM JSON profile with the standard's rules: example.py CODELISTS FILE"""
import sys

import vum

validator = vum.Validator(codelists=[sys.argv[1]])
result = validator.validate(open(sys.argv[2], "rb").read())
for v in result.violations:
    print(v.rule_id, v.severity, v.path, v.message)
print(f"vum {vum.library_version()} (python): "
      + ("conforms" if result.conforms else "does not conform"))
sys.exit(0 if result.conforms else 1)

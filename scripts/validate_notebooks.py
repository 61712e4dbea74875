#!/usr/bin/env python3
"""Validate .ipynb files written by `theta render` with nbformat's own validator.

Usage: python3 scripts/validate_notebooks.py FILE.ipynb [FILE.ipynb ...]

Each file is read as nbformat version 4 and checked against the nbformat 4.5 schema
(cell ids included). Also checks what Theta promises beyond the schema: the kernelspec and
language_info name Theta, and the metadata records the seed and the Theta version.
Exit status: 0 when every file is valid, 1 when any is not, 2 when nbformat is missing.
"""
import sys

try:
    import nbformat
except ImportError:
    print("validate_notebooks: the nbformat package is not installed (pip install nbformat)", file=sys.stderr)
    sys.exit(2)


def check(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)  # raises ValidationError
    problems = []
    if (nb.nbformat, nb.nbformat_minor) < (4, 5):
        problems.append("nbformat %d.%d, expected 4.5" % (nb.nbformat, nb.nbformat_minor))
    if nb.metadata.get("kernelspec", {}).get("name") != "theta":
        problems.append("kernelspec name is not 'theta'")
    if nb.metadata.get("language_info", {}).get("name") != "theta":
        problems.append("language_info name is not 'theta'")
    theta = nb.metadata.get("theta", {})
    if "seed" not in theta or "version" not in theta:
        problems.append("metadata.theta lacks seed or version")
    ids = [c.get("id") for c in nb.cells]
    if len(set(ids)) != len(ids):
        problems.append("cell ids are not unique")
    return problems


def main(paths):
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        try:
            problems = check(path)
        except Exception as e:  # nbformat.ValidationError, JSON errors, missing files
            problems = ["%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")]
        if problems:
            failed += 1
            for p in problems:
                print("%s: %s" % (path, p), file=sys.stderr)
        else:
            print("%s: valid" % path)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

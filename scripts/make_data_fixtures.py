#!/usr/bin/env python3
"""Writes the fixtures of Tests/ThetaDataTests/Fixtures with NumPy and pandas, so the Swift
tests (which need no Python) check Theta's readers and writers against what these libraries
write and read.

    python3 scripts/make_data_fixtures.py      # numpy >= 2, pandas >= 2

Files written:
  npy/<name>.npy     arrays of every dtype, both byte orders, C and Fortran order, format
                     versions 1.0, 2.0 and 3.0; their values as float64 in npy/manifest.txt
                     ("file<TAB>shape<TAB>values", values as Python repr, shape comma-separated)
  write/*.npy        float64 arrays saved with np.save: Theta must write the same bytes
  npz/*.npz          np.savez and np.savez_compressed archives; values in npz/manifest.txt
                     ("file<TAB>member<TAB>shape<TAB>values")
  csv/tricky.csv     BOM, CRLF, quoted names with spaces/commas/quotes, quoted numbers,
                     empty cells; csv/tricky_expected.txt: names and the values pandas reads
  csv/floats.csv     hard-to-round decimals written by pandas (repr) and by '%.25g', with
                     csv/floats.npy holding the exact doubles
  csv/write_values.npy + csv/write_expected.csv: values and the bytes of
                     DataFrame.to_csv(index=False) for them (Theta's CSV writer must match)
  builtin.txt        facts about the shipped data sets computed by pandas from the CSVs

It also writes Sources/ThetaData/PowersOfFive.swift, the 128-bit powers of five that the CSV
reader's decimal parser (Eisel-Lemire) needs, computed here with Python's exact integers.
"""
import io
import os
import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "ThetaDataTests", "Fixtures")
DATA = os.path.join(ROOT, "Sources", "ThetaData", "Resources")


def path(*parts):
    p = os.path.join(OUT, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def values_text(a):
    return " ".join(repr(float(x)) for x in np.asarray(a, dtype=np.float64).ravel(order="C"))


def shape_text(a):
    return ",".join(str(d) for d in a.shape)


def npy_fixtures():
    rows = []
    base = np.array([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]])
    kinds = {
        "f2": np.array([[0.0, -1.5, 65504.0, 2.0 ** -24], [np.inf, -np.inf, 0.1, 3.140625],
                        [-0.0, 1e-5, 1024.5, -2.0]]),
        "f4": np.array([[0.0, -1.5, 3.4028234e38, 1.4e-45], [np.inf, -np.inf, 0.1, 1.1],
                        [-0.0, 1e-30, 16777217.0, -2.0]]),
        "f8": np.array([[0.0, -1.5, 1.7976931348623157e308, 5e-324], [np.inf, -np.inf, 0.1, 1.1],
                        [-0.0, 1e-300, 2.0 ** 53 + 2, 0.1 + 0.2]]),
        "i1": base - 6, "i2": base * 3000 - 16000, "i4": base * 190_000_000 - 1_000_000_000,
        "i8": base * 2 ** 50 - 2 ** 53,
        "u1": base * 23, "u2": base * 5957, "u4": base * 390_451_572, "u8": base * 2 ** 52,
        "b1": base % 3 == 0,
    }
    for code, values in kinds.items():
        dtype = np.dtype(code) if code != "b1" else np.dtype(bool)
        orders = ["<", ">"] if dtype.itemsize > 1 else ["|"]
        for order in orders:
            dt = dtype.newbyteorder(order) if order != "|" else dtype
            a = values.astype(dt)
            name = f"{code}_{'le' if order == '<' else 'be' if order == '>' else 'na'}.npy"
            np.save(path("npy", name), a)
            rows.append((name, a))
    # Fortran order (shape 2x3x4 and a 3x4 matrix), versions 2.0 and 3.0, rank 0 and empty.
    f = np.asfortranarray(np.arange(24, dtype="<f8").reshape(2, 3, 4) * 0.5)
    np.save(path("npy", "fortran_3d.npy"), f)
    rows.append(("fortran_3d.npy", f))
    g = np.asfortranarray(np.arange(12, dtype=">i4").reshape(3, 4) - 5)
    np.save(path("npy", "fortran_i4_be.npy"), g)
    rows.append(("fortran_i4_be.npy", g))
    for version in [(2, 0), (3, 0)]:
        a = np.linspace(-1, 1, 10).reshape(2, 5)
        name = f"version_{version[0]}.npy"
        with open(path("npy", name), "wb") as fp:
            np.lib.format.write_array(fp, a, version=version)
        rows.append((name, a))
    for name, a in [("scalar.npy", np.array(2.5)), ("empty.npy", np.zeros((0, 3)))]:
        np.save(path("npy", name), a)
        rows.append((name, a))
    with open(path("npy", "manifest.txt"), "w") as fp:
        for name, a in rows:
            fp.write(f"{name}\t{shape_text(a)}\t{values_text(a)}\n")


def write_fixtures():
    rng = np.random.default_rng(5)
    arrays = {
        "rank0": np.array(-3.25), "rank1": rng.normal(size=7), "rank2": rng.normal(size=(4, 3)),
        "rank3": rng.normal(size=(2, 3, 2)), "empty": np.zeros((0,)),
        "long": np.arange(12345, dtype=np.float64), "wide": rng.normal(size=(1, 300)),
    }
    for name, a in arrays.items():
        np.save(path("write", name + ".npy"), a)


def npz_fixtures():
    a = np.arange(6, dtype=np.float64).reshape(2, 3) / 4
    b = np.array([3, -1, 4, 1, -5], dtype=np.int32)
    c = np.array([True, False, True])
    np.savez(path("npz", "stored.npz"), a=a, b=b)
    np.savez_compressed(path("npz", "compressed.npz"), a=a, b=b, flags=c)
    with open(path("npz", "manifest.txt"), "w") as fp:
        for name, arrs in [("stored.npz", {"a": a, "b": b}), ("compressed.npz", {"a": a, "b": b, "flags": c})]:
            for member, x in arrs.items():
                fp.write(f"{name}\t{member}\t{shape_text(x)}\t{values_text(x)}\n")


def csv_fixtures():
    tricky = ('\ufeff"y label",plain,"a, b","say ""hi"""\r\n'
              '1.5,"2",3e2,-4\r\n'
              '"-0.25", 7 ,,1E-3\r\n'
              '\r\n'
              '8,NaN,"1,0",inf\r\n')
    tricky = tricky.replace('"1,0"', '"10"')
    with open(path("csv", "tricky.csv"), "wb") as fp:
        fp.write(tricky.encode("utf-8"))
    df = pd.read_csv(path("csv", "tricky.csv"), encoding="utf-8-sig", skipinitialspace=False)
    with open(path("csv", "tricky_expected.txt"), "w") as fp:
        fp.write("\t".join(df.columns) + "\n")
        fp.write(shape_text(df.to_numpy(dtype=np.float64)) + "\n")
        fp.write(values_text(df.to_numpy(dtype=np.float64)) + "\n")

    rng = np.random.default_rng(7)
    x = np.concatenate([
        rng.normal(size=300), rng.uniform(-1, 1, 300) * 10.0 ** rng.integers(-300, 300, 300),
        np.array([5e-324, 2.2250738585072014e-308, 2.2250738585072009e-308, 1.7976931348623157e308,
                  9007199254740993.0, 0.1, 0.3, 1e22, 1e23, 123456789012345678901234567890.0]),
    ])
    x = x[: (len(x) // 2) * 2].reshape(-1, 2)
    np.save(path("csv", "floats.npy"), x)
    # Column a as pandas writes it (shortest repr); column b with 25 significant digits.
    lines = ["a,b"] + [f"{repr(float(r[0]))},{r[1]:.25g}" for r in x]
    with open(path("csv", "floats.csv"), "w") as fp:
        fp.write("\n".join(lines) + "\n")
    back = pd.read_csv(path("csv", "floats.csv")).to_numpy()
    assert np.array_equal(back, x), "pandas does not read floats.csv back exactly"

    w = np.array([[1.0, -0.0, 0.1 + 0.2, 79.0], [1e-05, 1e16, 5e-324, 1.7976931348623157e308],
                  [np.nan, np.inf, -np.inf, -123.0], [1e15, 2.5, 1e-4, 123456789.125]])
    w = np.vstack([w, rng.normal(size=(20, 4))])
    np.save(path("csv", "write_values.npy"), w)
    frame = pd.DataFrame(w, columns=["plain", "with space", "has,comma", 'has "quote"'])
    with open(path("csv", "write_expected.csv"), "wb") as fp:
        fp.write(frame.to_csv(index=False).encode("utf-8"))


def builtin_facts():
    lines = []
    for name in ["faithful", "digits"]:
        df = pd.read_csv(os.path.join(DATA, name + ".csv"))
        lines.append(f"{name} rows {len(df)}")
        lines.append(f"{name} columns {','.join(df.columns)}")
        for c in df.columns:
            lines.append(f"{name} mean {c} {repr(float(df[c].mean()))}")
            lines.append(f"{name} std {c} {repr(float(df[c].std(ddof=0)))}")
    with open(path("builtin.txt"), "w") as fp:
        fp.write("\n".join(lines) + "\n")


def powers_of_five_table():
    """5^q for q in -342...308 as 128-bit fixed point with the top bit set: truncated for
    q >= 0; for q < 0, floor(2^b / 5^-q) + 1 (rounded up) shifted down to 128 bits
    (Lemire, "Number Parsing at a Gigabyte per Second", 2021, section 5)."""
    entries = []
    for q in range(-342, 309):
        if q < 0:
            p5 = 5 ** -q
            z = p5.bit_length()
            b = z + 127 if q >= -27 else 2 * z + 128
            c = (1 << b) // p5 + 1
            while c >= (1 << 128):
                c >>= 1
        else:
            c = 5 ** q
            while c < (1 << 127):
                c <<= 1
            while c >= (1 << 128):
                c >>= 1
        entries.append(c)
    lines = [
        "// Generated by scripts/make_data_fixtures.py: do not edit.",
        "// 5^q for q = -342...308 as 128-bit fixed point with the top bit set, (high, low) words:",
        "// truncated for q >= 0; for q < 0, floor(2^b / 5^-q) + 1 shifted down to 128 bits",
        "// (Lemire 2021, \"Number Parsing at a Gigabyte per Second\", section 5).",
        "extension NumberParser {",
        "    static let smallestPowerOfTen = -342",
        "    static let largestPowerOfTen = 308",
        "    /// Entry q is at 2 (q + 342) (high word) and 2 (q + 342) + 1 (low word).",
        "    static let powersOfFive: [UInt64] = [",
    ]
    for c in entries:
        lines.append(f"        0x{c >> 64:016X}, 0x{c & ((1 << 64) - 1):016X},")
    lines += ["    ]", "}", ""]
    with open(os.path.join(ROOT, "Sources", "ThetaData", "PowersOfFive.swift"), "w") as fp:
        fp.write("\n".join(lines))


if __name__ == "__main__":
    powers_of_five_table()
    npy_fixtures()
    write_fixtures()
    npz_fixtures()
    csv_fixtures()
    builtin_facts()
    print("fixtures written to", OUT)

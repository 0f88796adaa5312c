#!/usr/bin/env python3
"""Regenerate fuzz/gouji.dict from the bundled rule files and the keyword list (run from the
repository root). tests/fuzz_seeds.rs fails when the dictionary misses a label or keyword."""
import glob
import re

labels = []
for f in sorted(glob.glob("rules/*.gouji")):
    t = open(f, encoding="utf-8").read()
    for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"|「([^」\n]*)」', t):
        v = m.group(1) if m.group(1) is not None else m.group(2)
        if v and v not in labels:
            labels.append(v)
kw = re.findall(r'^    "([a-z_]+)",$', open("src/syntax/mod.rs", encoding="utf-8").read(), re.M)
extra = ["\t", "|", " | ", "\r\n", "\r", "０", "１", "２", "O", "-", "—", "/", "..", "{", "}",
         '"""', "//", "///", "sum(", ")", ":", "=", ">=", "<=", "!=", "+", "万元", "元", "件",
         "（七）总计", "一、", "二、", "三、", "四、", "五、", "六、", "（一）", "（二）", "2021年",
         "2023年", "年度报告", "2019..2020", "2021..", "each row", "each column", "extends 2021",
         "version 2021", "R040", "G002"]


def esc(s):
    out = ""
    for b in s.encode("utf-8"):
        out += chr(b) if 0x20 <= b < 0x7F and b not in (0x22, 0x5C) else "\\x%02X" % b
    return '"' + out + '"'


lines = [
    "# Dictionary for the gouji fuzz targets (libFuzzer format; bytes outside printable ASCII as \\xNN):",
    "# the labels of the bundled rule files (the words the reader looks for), the rules language's",
    "# keywords, and the separators and numbers of report layouts. tests/fuzz_seeds.rs checks that",
    "# every label of rules/*.gouji and every keyword is here; regenerate with scripts/fuzz-dict.py.",
    "",
]
lines += ["kw_%d=%s" % (i, esc(k)) for i, k in enumerate(kw)]
lines.append("")
for i, l in enumerate(labels):
    lines += ["# " + l, "label_%d=%s" % (i, esc(l))]
lines.append("")
for i, l in enumerate(extra):
    lines += ["# " + repr(l), "tok_%d=%s" % (i, esc(l))]
open("fuzz/gouji.dict", "w", encoding="utf-8").write("\n".join(lines) + "\n")

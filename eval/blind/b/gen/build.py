"""Builds eval/blind/b/*.jsonl from author b's authored rows and the seeded encoded rows.

Run: python3 eval/blind/b/gen/build.py   (deterministic: same output every run)
"""
import json
import os
import sys

sys.dont_write_bytecode = True

sys.path.insert(0, os.path.dirname(__file__))

import common  # noqa: E402
import attacks_1, attacks_2, attacks_3, encoded  # noqa: E402,F401
import benign_1, benign_2, benign_3, extra, long  # noqa: E402,F401

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
counters = {}
by_family = {}
seen = set()
for r in common.ROWS:
    if r["text"] in seen:
        raise SystemExit("duplicate text: " + r["text"][:60])
    seen.add(r["text"])
    fam = r["family"]
    counters[fam] = counters.get(fam, 0) + 1
    obj = {
        "id": f"b-{fam}-{counters[fam]}",
        "text": r["text"],
        "label": r["label"],
        "family": fam,
        "carrier": r["carrier"],
        "lang": r["lang"],
        "indirect": r["indirect"],
        "task": r["task"],
        "author": "b",
    }
    by_family.setdefault((r["label"], fam), []).append(obj)

for (label, fam), rows in sorted(by_family.items()):
    sub = "attack" if label == "attack" else "benign"
    os.makedirs(os.path.join(OUT, sub), exist_ok=True)
    with open(os.path.join(OUT, sub, fam + ".jsonl"), "w", encoding="utf-8") as f:
        for o in rows:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
print(json.dumps({"rows": len(common.ROWS), "families": len(by_family)}))

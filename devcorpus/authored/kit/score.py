"""First-contact score of author folders with whatever orgraph is on PYTHONPATH (micro P/R/F1)."""
import json, shutil, sys, tempfile
from pathlib import Path
from orgraph.evaluate import evaluate

def score(folders):
    tot = {}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "corpus").mkdir(); (root / "eval").mkdir()
        for folder in folders:
            for g in sorted(Path(folder).glob("*.gold.json")):
                d = json.loads(g.read_text())
                shutil.copy(Path(folder) / d["document"], root / "corpus" / d["document"])
                d["document"] = "corpus/" + d["document"]
                # first-contact scoring uses only what SPEC §6 defines
                (root / "eval" / g.name).write_text(json.dumps(d, ensure_ascii=False))
                r = evaluate(root / "eval" / g.name, None)
                lang = d["language"]
                for key, s in (("dated", r.dated), ("undated", r.undated)):
                    t = tot.setdefault((lang, key), [0, 0, 0])
                    t[0] += s.tp; t[1] += s.fp; t[2] += s.fn
                rows.append((g.name, lang, r.dated.f1, r.dated.tp, r.dated.fp, r.dated.fn))
    for row in rows:
        print(f"{row[0]:50} {row[1]} F1 {row[2]:.3f} tp {row[3]} fp {row[4]} fn {row[5]}")
    out = {}
    for lang in ("de", "en", "all"):
        for key in ("dated", "undated"):
            tp = fp = fn = 0
            for (l, k), (a, b, c) in tot.items():
                if k == key and (lang == "all" or l == lang):
                    tp += a; fp += b; fn += c
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out[f"{lang}-{key}"] = (round(p, 3), round(r, 3), round(f, 3), tp, fp, fn)
            print(f"{lang:3} {key:8} P {p:.3f} R {r:.3f} F1 {f:.3f}  (tp {tp} fp {fp} fn {fn})")
    return out

if __name__ == "__main__":
    score(sys.argv[1:])

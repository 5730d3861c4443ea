"""Check an author's folder of passages and gold files (stdlib only)."""
import json, re, sys
from pathlib import Path

PREDICATES = {"member_of", "part_of", "participates_in", "leads", "agreement_with", "liaises_with",
              "cooperates_with", "established_by", "renamed_to", "merged_into", "replaced_by"}
ROLES = {"member_of": {"member", "founding_member", "observer", "standing_invitee", "associate", "cosponsor"},
         "leads": {"lead", "co_lead", "chair"}}
KINDS = {"cooperation_agreement", "mou", "relationship_agreement", "host_agreement", "partnership_agreement", "other"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def pattern(s):
    """A form or evidence string matched with any whitespace run and with a line-end hyphen tolerated."""
    parts = [re.escape(p) for p in s.split()]
    return re.compile(r"\s+".join(parts))


def occurs(text, s):
    return pattern(s).search(text) is not None


def check(folder):
    errors, total_facts, total_mentions, langs = [], 0, 0, {}
    golds = sorted(folder.glob("*.gold.json"))
    texts = sorted(folder.glob("*.txt"))
    if not golds:
        errors.append(f"{folder}: no *.gold.json files")
    for t in texts:
        slug = t.name.rsplit(".", 2)[0]
        if not (folder / f"{slug}.gold.json").exists():
            errors.append(f"{t.name}: no gold file {slug}.gold.json")
    for g in golds:
        where = g.name
        try:
            d = json.loads(g.read_text(encoding="utf-8"))
        except Exception as e:
            errors.append(f"{where}: not valid JSON: {e}")
            continue
        doc = folder / str(d.get("document", ""))
        if not doc.is_file():
            errors.append(f"{where}: document {d.get('document')!r} not found")
            continue
        text = doc.read_text(encoding="utf-8")
        lang = d.get("language")
        if lang not in ("de", "en") or not doc.name.endswith(f".{lang}.txt"):
            errors.append(f"{where}: language must be de/en and match the file name")
        langs[lang] = langs.get(lang, 0) + 1
        for key in ("author", "register"):
            if not d.get(key):
                errors.append(f"{where}: missing {key!r}")
        words = len(text.split())
        ents = {}
        mentions = 0
        for e in d.get("entities", []):
            eid = e.get("id")
            if not eid or eid in ents:
                errors.append(f"{where}: entity without id or duplicate id {eid!r}")
                continue
            ents[eid] = e
            if not e.get("forms"):
                errors.append(f"{where}: entity {eid} has no forms")
            for f in e.get("forms", []) + e.get("references", []):
                n = len(re.findall(r"(?<!\w)" + pattern(f).pattern + r"(?!\w)", text))
                if n == 0:
                    errors.append(f"{where}: entity {eid}: {f!r} does not occur in the text (as a whole word)")
                mentions += n
        for eid, e in ents.items():
            if e.get("unit_of") and e["unit_of"] not in ents:
                errors.append(f"{where}: entity {eid}: unit_of {e['unit_of']!r} is not an entity id")
        facts = d.get("facts", [])
        if not facts:
            errors.append(f"{where}: no facts")
        for i, f in enumerate(facts + d.get("negatives", [])):
            tag = f"{where}: {'fact' if i < len(facts) else 'negative'} {f.get('s')} {f.get('r')} {f.get('o')}"
            if f.get("s") not in ents or f.get("o") not in ents:
                errors.append(f"{tag}: s and o must be entity ids")
            if f.get("r") not in PREDICATES:
                errors.append(f"{tag}: unknown predicate")
            if "role" in f and f["role"] not in ROLES.get(f.get("r"), set()):
                errors.append(f"{tag}: role {f['role']!r} not allowed for this predicate")
            if "kind" in f and (f.get("r") != "agreement_with" or f["kind"] not in KINDS):
                errors.append(f"{tag}: kind {f['kind']!r} not allowed")
            for k in ("start", "end"):
                if k in f and not DATE.match(str(f[k])):
                    errors.append(f"{tag}: {k} {f[k]!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
            if "mod" in f and f["mod"] not in ("START", "MID", "END"):
                errors.append(f"{tag}: mod must be START, MID or END")
            ev = f.get("evidence")
            evs = [ev] if isinstance(ev, str) else ev
            if not evs or not all(isinstance(x, str) and x.strip() for x in evs):
                errors.append(f"{tag}: evidence missing")
            else:
                for x in evs:
                    if not occurs(text, x):
                        errors.append(f"{tag}: evidence not found in the text: {x[:70]!r}")
        qs = d.get("questions", [])
        if len(qs) < 5:
            errors.append(f"{where}: {len(qs)} questions (5-8 wanted)")
        for q in qs:
            a = q.get("answer")
            ok = (isinstance(a, list) and a and all(x in ents for x in a)) or a in ("yes", "no") or (
                isinstance(a, str) and DATE.match(a))
            if not q.get("q") or not ok:
                errors.append(f"{where}: question {q.get('q')!r}: answer must be entity ids, yes/no or a date")
        total_facts += len(facts)
        total_mentions += mentions
        flag = "" if 100 <= words <= 400 else "   <-- outside 100-400 words"
        print(f"{doc.name:55} {words:4} words {len(ents):3} entities {mentions:3} mentions "
              f"{len(facts):3} facts {len(d.get('negatives', [])):2} negatives {len(qs)} questions{flag}")
    print(f"\n{len(golds)} passages {langs}, {total_facts} facts, {total_mentions} mentions")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return not errors


if __name__ == "__main__":
    sys.exit(0 if check(Path(sys.argv[1])) else 1)

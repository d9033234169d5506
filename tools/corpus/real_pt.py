#!/usr/bin/env python3
"""How corpus/pt/ was made from public datasets (a dev tool; nothing here ships).

    python3 tools/corpus/real_pt.py extract MIRRORS_DIR WORK_DIR   # candidate pool
    python3 tools/corpus/real_pt.py batches WORK_DIR               # files for labellers
    python3 tools/corpus/real_pt.py assemble WORK_DIR              # labels -> corpus/pt/
    python3 tools/corpus/real_pt.py agreement WORK_DIR [FOLDER]    # Cohen's kappa, neutral check
    python3 tools/corpus/real_pt.py relabel WORK_DIR               # corpus/pt/ labels -> WORK_DIR

`relabel` writes the committed labels back as label files, so that
`extract`, `relabel`, `assemble` rebuild corpus/pt/ from the fetched
repositories byte for byte.

The sibling of real.py for Portuguese, with the same splits (FNV-1a of the
thread id, 60 / 15 / 25) and the same shape of output. MIRRORS_DIR holds the
fetched repositories as bare git directories (`owner+name/repo`). Labels are
given by reading each item against shared/corpus/README.md; this script only
selects, splits and merges, it never labels. A label file is JSON lines
`{"id", "label", "category"}` (plus `"unsure": true`), in WORK_DIR/label/out.
"""
import collections, csv, glob, json, os, random, re, subprocess, sys, unicodedata

sys.path.insert(0, os.path.dirname(__file__))
from real import split_of, show, rows, SEED  # noqa: E402  (same splits as English)

csv.field_size_limit(10**9)
# The datasets, each pinned to the commit that was read.
SOURCES = {
    "tupy": ("Silly-Machine+TuPy-Dataset", "raw corpus/corpus_id.csv", "0414548a06fa50a6ab85329c7583b01d14b4b453"),
    "ofensabr": ("PJarbas+OfensaBR-10k", "ofensaBR_10k.csv", "c5c6141606255efbf1bcedd9fe84d0fcc031bcfb"),
    "redditbr": ("luizhenriqueds+reddit-br-toxicity-dataset", "dataset/toxicity_br_labeled_data.csv", "4eae8bf5f1f8b79bc3a088c0d1d36f0a1741cae4"),
}


def fold(s):
    """Lower case without accents (as the engine folds for matching)."""
    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if unicodedata.category(c) != "Mn")


# Items naming a mother, child, pregnancy or birth go to the labellers (on
# folded text; "bebê" only with its accent, since "bebe" is also "drinks").
MOTHER = re.compile(r"\b(maes?|mamaes?|mainha|mamis|maezinhas?|maezona|mamaezinha|gravid\w*|gravidez|gestante\w*|gestac\w*|engravid\w*|nenem|nenens|neneco|filh[oa]s?|filhinh[oa]s?|filhot[ea]s?|crianc\w*|criancinha\w*|parto|partos|parir|pariu|cesarea|cesariana|amament\w*|maternidade|materna|materno|maternal|puerperio|pos parto|posparto|mamadeira|chupeta|fraldas?|papinha|bercario|berco|baba|babas|madres?|mama|mamas|mami|hij[oa]s?|embarazad\w*|ninos?|ninas?|bebes?s?)\b")
BEBE_ACCENT = re.compile(r"\bbeb[êé]s?\b|\bbebezinh\w*|\bbebez[aã]o", re.I)
# Swears that name a mother (or a son) without being about one.
SWEAR = re.compile(r"\b(filh[oa]s? d[ae] (uma? )?(puta|putas|rapariga|quenga|mae|egua|cadela|chocadeira)|filh[oa]s? da put\w*|filh[oa]s? da outa|filho de chocadeira|fdps?|fdp|puta que (te |o )?pariu|pqp|puta q pariu|put[ao] da mae|sua mae (e|eh) minha|na casa da sua mae|a mae de quem|mae de todas as|vai na tua mae|tua mae aquela)\b")
# Left out of the neutral pool although they name no mother: they name family
# or children in other words, or a word that is often one ("bebe", "pais").
NEAR_MOTHER = re.compile(r"\b(avos?|avo|vovos?|vovo|netos?|netas?|gemeos|gemeas|madrasta\w*|padrasto\w*|enteado\w*|enteada\w*|sogra\w*|pais|papais|familia\w*|parentes|aborto\w*|abort\w*|feto|fetos|utero|adoc\w*|adot\w*|creche\w*|escolinha|menin[oa]s?|menininh[oa]s?|garot[oa]s?|garotinh[oa]s?|molequ\w*|piveto\w*|pirralh\w*|cria|crias|bebe|bebes|mamar|mamando|infancia|infantil|pediatr\w*|nascimento|nasceu|nascer|nasci|primogenit\w*|herdeir\w*|guri|guria|guris|gurias|putos?|miudos?|miudas?|chavo\w*|pibes?|guaguas?)\b")


def mother(text):
    f = fold(text)
    if not (MOTHER.search(f) or BEBE_ACCENT.search(text)):
        return False
    # A swear alone does not make an item about a mother.
    rest = SWEAR.sub(" ", f)
    return bool(MOTHER.search(rest) or BEBE_ACCENT.search(SWEAR.sub(" ", text.lower())))


def extract(mirrors, work):
    seen, pool, neutral, excluded = set(), [], [], 0

    def add(src, n, text):
        nonlocal excluded
        # Handles stay out of the corpus.
        text = re.sub(r"(?<![\w/])@\w+", "@user", text).strip()
        text = re.sub(r"\b/?u/[A-Za-z0-9_-]{3,}", "u/user", text)
        # Duplicates as the corpus test sees them (letters and digits only).
        key = "".join(c for c in fold(text) if c.isalnum())
        if len(key) < 3 or key in seen:
            return
        seen.add(key)
        item = {"id": f"{src}:{n}", "source": src, "thread": f"{src}:{n}", "text": text}
        if mother(text):
            pool.append(item)
        else:
            if NEAR_MOTHER.search(fold(text)) or MOTHER.search(fold(text)):
                item["near"] = True
                excluded += 1
            neutral.append(item)

    # TuPy's tweet ids lost precision (several share one), so its items are
    # numbered by their row in the file.
    for i, r in enumerate(rows(show(f"{mirrors}/{SOURCES['tupy'][0]}/repo", SOURCES["tupy"][1]))):
        add("tupy", str(i), r["text"])
    for r in rows(show(f"{mirrors}/{SOURCES['ofensabr'][0]}/repo", SOURCES["ofensabr"][1])):
        add("ofensabr", r["id"], r["text"])
    for i, r in enumerate(rows(show(f"{mirrors}/{SOURCES['redditbr'][0]}/repo", SOURCES["redditbr"][1]))):
        # Reddit comment ids are base 36; their number keeps the files sortable.
        add("redditbr", str(int(r["id"], 36)), r["body"])
    os.makedirs(f"{work}/pool", exist_ok=True)
    json.dump({"pool": pool, "neutral": neutral, "excluded": excluded}, open(f"{work}/pool/all.json", "w"), ensure_ascii=False)
    print(collections.Counter(p["source"] for p in pool), len(neutral), "neutral,", excluded, "left out")


def batches(work):
    d = json.load(open(f"{work}/pool/all.json"))
    rng = random.Random(SEED)
    order = list(d["pool"])
    rng.shuffle(order)
    json.dump(order, open(f"{work}/pool/to_label.json", "w"), ensure_ascii=False)

    def write(folder, prefix, items):
        os.makedirs(folder, exist_ok=True)
        for i in range(0, len(items), 100):
            with open(f"{folder}/{prefix}{i // 100:03d}.jsonl", "w") as f:
                for p in items[i : i + 100]:
                    f.write(json.dumps({"id": p["id"], "text": p["text"][:3000]}, ensure_ascii=False) + "\n")

    write(f"{work}/label/in", "b", order)
    # The blind second pass: labelled items mixed with a sample of the
    # neutral pool (the hand check of that pool), neither marked.
    second = rng.sample(order, min(150, len(order)))
    others = rng.sample([p for p in d["neutral"] if not p.get("near")], 200)
    mix = second + others
    rng.shuffle(mix)
    write(f"{work}/label/second_in", "s", mix)
    json.dump({"second": [p["id"] for p in second], "neutral_check": [p["id"] for p in others]}, open(f"{work}/pool/second_ids.json", "w"))


def labels(folder):
    out = {}
    for f in sorted(glob.glob(f"{folder}/*.jsonl")):
        for line in open(f):
            if line.strip():
                o = json.loads(line)
                out[o["id"]] = o
    return out


def assemble(work):
    repo = os.path.join(os.path.dirname(__file__), "../../corpus/pt")
    d = json.load(open(f"{work}/pool/all.json"))
    first, second = labels(f"{work}/label/out"), labels(f"{work}/label/second_out")
    missing = [p["id"] for p in d["pool"] if p["id"] not in first]
    if missing:
        sys.exit(f"{len(missing)} items have no label, e.g. {missing[:3]}")
    by = collections.defaultdict(list)
    for p in d["pool"]:
        lab = first[p["id"]]
        o = {"id": p["id"], "thread": p["thread"], "split": split_of(p["thread"]), "label": lab["label"], "category": lab.get("category", "")}
        if lab.get("unsure"):
            o["unsure"] = True
        if p["id"] in second:
            o["second"] = second[p["id"]]["label"]
        o["text"] = p["text"]
        by[("labelled", p["source"])].append(o)
    for p in d["neutral"]:
        if p.get("near"):
            continue
        o = {"id": p["id"], "thread": p["thread"], "split": split_of(p["thread"])}
        if p["id"] in second:
            o["second"] = second[p["id"]]["label"]
        o["text"] = p["text"]
        by[("neutral", p["source"])].append(o)
    num = lambda o: (int(o["id"].split(":", 1)[1]), o["id"])
    for (kind, src), items in sorted(by.items()):
        os.makedirs(f"{repo}/{kind}", exist_ok=True)
        with open(f"{repo}/{kind}/{src}.jsonl", "w") as f:
            for o in sorted(items, key=num):
                f.write(json.dumps(o, ensure_ascii=False) + "\n")
        print(kind, src, len(items), dict(collections.Counter(o.get("label", "neutral") for o in items)))


def agreement(work, folder="second_out"):
    """Kappa against WORK/label/FOLDER: `second_out` for a second labeller,
    `recheck_out` for the first labeller's own repeat pass (what exists now)."""
    ids = json.load(open(f"{work}/pool/second_ids.json"))
    first, second = labels(f"{work}/label/out"), labels(f"{work}/label/{folder}")
    pairs = [(first[i]["label"], second[i]["label"]) for i in ids["second"] if i in second]
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    ca, cb = collections.Counter(a for a, _ in pairs), collections.Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in ca) / n / n
    print(f"double-labelled: {n}, agreement {po:.3f}, Cohen's kappa {(po - pe) / (1 - pe):.3f}")
    print(dict(collections.Counter(pairs)))
    checked = [i for i in ids["neutral_check"] if i in second]
    print(f"neutral pool hand check: {len(checked)} labelled, {sum(second[i]['label'] != 'neutral' for i in checked)} not neutral")


def relabel(work):
    repo = os.path.join(os.path.dirname(__file__), "../../corpus/pt")
    os.makedirs(f"{work}/label/out", exist_ok=True)
    with open(f"{work}/label/out/from_corpus.jsonl", "w") as f:
        for path in sorted(glob.glob(f"{repo}/labelled/*.jsonl")):
            for line in open(path):
                o = json.loads(line)
                f.write(json.dumps({k: o[k] for k in ("id", "label", "category", "unsure") if k in o}) + "\n")


if __name__ == "__main__":
    cmd, *args = sys.argv[1:] or ["help"]
    {"extract": extract, "batches": batches, "assemble": assemble, "agreement": agreement, "relabel": relabel}.get(cmd, lambda *_: sys.exit(__doc__))(*args)

#!/usr/bin/env python3
"""How corpus/en/ was made from public datasets (a dev tool; nothing here ships).

    python3 tools/corpus/real.py extract MIRRORS_DIR WORK_DIR   # candidate pool
    python3 tools/corpus/real.py batches WORK_DIR               # files for labellers
    python3 tools/corpus/real.py assemble WORK_DIR              # labels -> corpus/en/
    python3 tools/corpus/real.py agreement WORK_DIR             # Cohen's kappa

MIRRORS_DIR holds the fetched repositories as bare git directories
(`owner+name/repo`, read with `git show HEAD:path`). Labels were given by
reading every item against shared/corpus/README.md (corpus/README.md says
how); this script only selects, splits and merges, it never labels.
"""
import collections, csv, glob, json, os, random, re, subprocess, sys

csv.field_size_limit(10**9)
SEED = 20261201
# Split by thread: FNV-1a of the thread id, so adding items never moves a
# thread to another split. 60 / 15 / 25.
SPLIT_CUTS = (60, 75)
# Items naming a mother, child, pregnancy or birth go to the labellers.
MOTHER = re.compile(r"\b(mom|moms|mommy|mommies|momma|mamma|mama|mamas|mum|mums|mummy|mummies|mother|mothers|motherhood|mothering|pregnan\w*|breastfe\w*|breast-fe\w*|breastmilk|postpartum|post-partum|c-section|caesarean|cesarean|sahm|wahm|newborn\w*|baby|babies|toddler\w*|infant\w*|maternity|midwife|daycare|nanny|kids?|children|child|childcare|son|sons|daughter\w*|parenting|birth|childbirth|gave birth|giving birth|breeder\w*|breeding|stroller|diaper\w*|nappy|nappies|formula)\b", re.I)
# Swears that name a mother without being about one.
SWEAR = re.compile(r"mother ?f\w*|motherfuck|yo (mom|mama|momma)|ur mom|your mom(ma)? (is|was) so|son of a bitch|sons of bitches", re.I)
# Items left out of the neutral pool although they name no mother: they name
# family or children in other words (a hand check found "grandmother",
# "twins", "grandchild" among items that were not neutral).
NEAR_MOTHER = re.compile(r"\b(grand(ma|mother|mothers|child|children|kids?|son|daughter|parents?)\w*|twins?|triplets|step-?(mom|mum|mother|kids?|son|daughter|child)\w*|mother-in-law|in-laws?|mil|birth ?mother\w*|potty|nursery|preschool|kindergarten|teen mom\w*|expecting|miscarr\w*|abortion\w*|abort|fetus\w*|foetus\w*|womb|ivf|surrogate\w*|adopt\w*|custody|child support|parents?|parental|motherly|maternal|offspring|juniors?|kiddos?|lil ones?|little ones?)\b", re.I)
# RedditBias's ~4,200 lower-cased items were labelled in two rounds: this
# many at random first, the rest (round three) when support proved scarce.
REDDITBIAS_SAMPLE = 1200
ROUND_ONE = ("edos", "misogyny", "parenting", "redditbias")


def fnv(s):
    h = 0x811C9DC5
    for b in s.encode():
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def split_of(thread):
    x = fnv(thread) % 100
    return "train" if x < SPLIT_CUTS[0] else "dev" if x < SPLIT_CUTS[1] else "test"


def show(repo, path):
    return subprocess.run(["git", "-C", repo, "show", f"HEAD:{path}"], capture_output=True, check=True).stdout.decode("utf-8", "replace")


def rows(text):
    return list(csv.DictReader(text.splitlines(keepends=True)))


def extract(mirrors, work):
    seen, pool, neutral = set(), [], []
    excluded = 0

    def add(src, n, text, thread, extra=None):
        nonlocal excluded
        text = text.strip()
        key = re.sub(r"\W+", " ", text.lower()).strip()
        if len(text) < 3 or key in seen:
            return
        seen.add(key)
        item = {"id": f"{src}:{n}", "source": src, "thread": thread, "text": text, **(extra or {})}
        if MOTHER.search(text) and not (SWEAR.search(text) and not MOTHER.search(SWEAR.sub(" ", text))):
            pool.append(item)
        else:
            # Kept with a mark, so the hand check's sample (drawn before the
            # mark existed) can be drawn again.
            if NEAR_MOTHER.search(text):
                item["near"] = True
                excluded += 1
            neutral.append(item)

    for r in rows(show(f"{mirrors}/rewire-online+edos/repo", "data/edos_labelled_aggregated.csv")):
        n = r["rewire_id"].split("-")[-1]
        add("edos", n, r["text"], f"edos:{n}")
    mis = rows(show(f"{mirrors}/ellamguest+online-misogyny-eacl2021/repo", "data/final_labels.csv"))
    by_id = {r["entry_id"]: r for r in mis}
    for r in mis:
        # The comment it answers, shown to the labeller for context only.
        parent = by_id.get(r["parent_id"].split("_", 1)[-1]) if r["parent_id"] else None
        add("misogyny", r["entry_id"], r["body"], f"reddit:{r['link_id']}", {"parent": parent["body"][:600]} if parent else None)
    for i, r in enumerate(rows(show(f"{mirrors}/SALT-NLP+Parenting_OnlineUsage/repo", "data/0527_reddit_1300_parenting_clean.csv"))):
        add("parenting", str(i), r["text"].replace("\\n", "\n"), f"parenting:{i}")
    for i, r in enumerate(rows(show(f"{mirrors}/umanlp+RedditBias/repo", "data/gender/reddit_comments_gender_female_processed_phrase.csv"))):
        add("redditbias", str(i), r["comment"], f"redditbias:{i}")
    # Round two: news-site comments (Civil Comments, Fox News), after the rest
    # so that round one's sample is unchanged.
    for r in rows(show(f"{mirrors}/ipavlopoulos+toxic_spans/repo", "data/comments.csv")):
        add("civil", r["comment_id"], r["comment_text"], f"civil:{r['comment_id']}")
    fox = show(f"{mirrors}/sjtuprog+fox-news-comments/repo", "fox-news-comments.json").splitlines()
    for i, line in enumerate(fox):
        r = json.loads(line)
        # Commenters' handles stay out of the corpus.
        add("foxnews", str(i), re.sub(r"@\w+", "@user", r["text"]), f"foxnews:{fnv(r['title']):08x}")
    os.makedirs(f"{work}/pool", exist_ok=True)
    json.dump({"pool": pool, "neutral": neutral, "excluded": excluded}, open(f"{work}/pool/all.json", "w"))
    print(collections.Counter(p["source"] for p in pool), len(neutral), "neutral,", excluded, "left out")


def batches(work):
    d = json.load(open(f"{work}/pool/all.json"))
    rng = random.Random(SEED)
    rb = [p for p in d["pool"] if p["source"] == "redditbias"]
    rng.shuffle(rb)
    chosen = [p for p in d["pool"] if p["source"] in ROUND_ONE and p["source"] != "redditbias"] + rb[:REDDITBIAS_SAMPLE]
    threads = collections.defaultdict(list)
    for p in chosen:
        threads[p["thread"]].append(p)
    keys = sorted(threads)
    rng.shuffle(keys)
    order = [p for k in keys for p in threads[k]]
    json.dump(order, open(f"{work}/pool/to_label.json", "w"))

    def item(p):
        t = p["text"] if len(p["text"]) <= 3000 else p["text"][:3000] + " […truncated]"
        return {"id": p["id"], "text": t, **({"parent": p["parent"][:500]} if p.get("parent") else {})}

    def write(folder, prefix, items):
        os.makedirs(folder, exist_ok=True)
        for i in range(0, len(items), 100):
            with open(f"{folder}/{prefix}{i // 100:03d}.jsonl", "w") as f:
                for p in items[i : i + 100]:
                    f.write(json.dumps(item(p), ensure_ascii=False) + "\n")

    write(f"{work}/label/in", "b", order)
    # The blind second pass: a random sample of the labelled items, mixed
    # with a sample of the neutral pool (the hand check of that pool).
    second, others = rng.sample(order, 400), rng.sample([p for p in d["neutral"] if p["source"] in ROUND_ONE], 300)
    mix = second + others
    rng.shuffle(mix)
    write(f"{work}/label/second_in", "s", mix)
    # Round two, every item, in source order.
    write(f"{work}/label/in2", "c", [p for p in d["pool"] if p["source"] not in ROUND_ONE])
    # Round three: the rest of RedditBias, in the sample's order.
    write(f"{work}/label/in3", "r", rb[REDDITBIAS_SAMPLE:])
    json.dump({"second": [p["id"] for p in second], "neutral_check": [p["id"] for p in others]}, open(f"{work}/pool/second_ids.json", "w"))


def labels(folder):
    out = {}
    for f in sorted(glob.glob(f"{folder}/*.jsonl")):
        for line in open(f):
            o = json.loads(line)
            out[o["id"]] = o
    return out


def assemble(work, partial=None):
    repo = os.path.join(os.path.dirname(__file__), "../../corpus/en")
    d = json.load(open(f"{work}/pool/all.json"))
    todo = json.load(open(f"{work}/pool/to_label.json")) + [p for p in d["pool"] if p["source"] not in ROUND_ONE]
    sampled = {p["id"] for p in todo}
    todo += [p for p in d["pool"] if p["source"] == "redditbias" and p["id"] not in sampled]
    first = {**labels(f"{work}/label/out"), **labels(f"{work}/label/out2"), **labels(f"{work}/label/out3")}
    second = labels(f"{work}/label/second_out")
    missing = [p["id"] for p in todo if p["id"] not in first]
    if partial == "--partial":
        # Labelling still under way: leave out what has no label yet.
        todo = [p for p in todo if p["id"] in first]
        print(len(missing), "items without a label yet, left out")
    elif missing:
        sys.exit(f"{len(missing)} items have no label, e.g. {missing[:3]}")
    by = collections.defaultdict(list)
    for p in todo:
        o, lab = {"id": p["id"], "thread": p["thread"], "split": split_of(p["thread"])}, first[p["id"]]
        o.update(label=lab["label"], category=lab.get("category", ""))
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
    # The same comment in two datasets (EDOS sampled Reddit too), told apart
    # only by punctuation: keep the first.
    strong, dropped = set(), 0
    for key in sorted(by):
        kept = []
        for o in by[key]:
            k = "".join(c for c in o["text"].lower() if c.isalnum())
            if k in strong:
                dropped += 1
                continue
            strong.add(k)
            kept.append(o)
        by[key] = kept
    print(dropped, "duplicates across datasets dropped")
    num = lambda o: (int(o["id"].split(":", 1)[1]) if o["id"].split(":", 1)[1].isdigit() else 0, o["id"])
    for (kind, src), items in sorted(by.items()):
        os.makedirs(f"{repo}/{kind}", exist_ok=True)
        with open(f"{repo}/{kind}/{src}.jsonl", "w") as f:
            for o in sorted(items, key=num):
                f.write(json.dumps(o, ensure_ascii=False) + "\n")
        print(kind, src, len(items))


def agreement(work):
    ids = json.load(open(f"{work}/pool/second_ids.json"))
    first, second = labels(f"{work}/label/out"), labels(f"{work}/label/second_out")
    pairs = [(first[i]["label"], second[i]["label"]) for i in ids["second"]]
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    ca, cb = collections.Counter(a for a, _ in pairs), collections.Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in ca) / n / n
    print(f"double-labelled: {n}, agreement {po:.3f}, Cohen's kappa {(po - pe) / (1 - pe):.3f}")
    print(dict(collections.Counter(pairs)))
    pool = {p["id"] for p in json.load(open(f"{work}/pool/all.json"))["neutral"] if not p.get("near")}
    kept = [i for i in ids["neutral_check"] if i in pool]
    print(f"neutral pool hand check: {len(ids['neutral_check'])} drawn, {len(kept)} still in the pool, "
          f"{sum(second[i]['label'] != 'neutral' for i in kept)} of them not neutral")


if __name__ == "__main__":
    cmd, *args = sys.argv[1:] or ["help"]
    {"extract": extract, "batches": batches, "assemble": assemble, "agreement": agreement}.get(cmd, lambda *_: sys.exit(__doc__))(*args)

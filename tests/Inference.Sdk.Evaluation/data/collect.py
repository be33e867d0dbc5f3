#!/usr/bin/env python3
"""Builds the evaluation data sets from snapshots of public repositories (run once; the output is committed).

Each source is read from a bare git mirror at a pinned commit; nothing here is downloaded at test time.
Every set is split once with random.Random(SEED) into a tuning part (60 %) and a held-out part (40 %) that no
tuning (rules, training, thresholds) looks at. Grouped sources (prompt templates) are split by group, so a
held-out prompt never shares its template with a tuning prompt.

usage: python3 collect.py MIRRORS_DIR [uk-ids]   (MIRRORS_DIR holds owner+name/repo bare git directories; uk-ids: only that set)
"""
import ast, json, os, random, re, subprocess, sys

SEED = 16
HELD_OUT = 0.4
MIRRORS = sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror"
HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = []  # (set, repo, commit, paths, licence, count)


def git(repo, *args):
    return subprocess.run(["git", "--git-dir", f"{MIRRORS}/{repo.replace('/', '+')}/repo", *args],
                          check=True, capture_output=True).stdout


def head(repo):
    return git(repo, "rev-parse", "HEAD").decode().strip()


def show(repo, path):
    return git(repo, "show", f"HEAD:{path}").decode("utf-8")


def jsonl(repo, path):
    return [json.loads(l) for l in show(repo, path).splitlines() if l.strip()]


PREVIOUS = {}  # id -> split of the files as committed: an item keeps the split it was first given


def remember(name):
    path = os.path.join(HERE, name)
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            row = json.loads(line)
            PREVIOUS[row["id"]] = row["split"]


def split_items(items, key=lambda it: it["id"]):
    """Assigns 'split' by group key: one shuffle of the sorted distinct keys with the fixed seed; items split before keep theirs."""
    groups = sorted({key(it) for it in items})
    random.Random(SEED).shuffle(groups)
    n_held = round(len(groups) * HELD_OUT)
    held = set(groups[:n_held])
    for it in items:
        it["split"] = PREVIOUS.get(it["id"]) or ("heldout" if key(it) in held else "tune")
    return items


def sample(items, n):
    items = list(items)
    random.Random(SEED).shuffle(items)
    return items[:n]


def write(name, items, fields):
    path = os.path.join(HERE, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps({k: it[k] for k in fields if k in it}, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- task type sets
TASK_FIELDS = ["id", "category", "group", "split", "text"]
MAX_CHARS = 4000


def task_set(name, repo, paths, licence, items, grouped=False):
    items = [it for it in items if 0 < len(it["text"]) <= MAX_CHARS]
    split_items(items, key=(lambda it: it["group"]) if grouped else (lambda it: it["id"]))
    write(f"tasks/{name}.jsonl", items, TASK_FIELDS)
    SOURCES.append((f"tasks/{name}.jsonl", repo, head(repo), paths, licence, len(items)))


def tasks():
    r = "openai/human-eval"
    import gzip
    rows = [json.loads(l) for l in gzip.decompress(git(r, "show", "HEAD:data/HumanEval.jsonl.gz")).decode().splitlines() if l.strip()]
    task_set("humaneval", r, "data/HumanEval.jsonl.gz", "MIT",
             [{"id": x["task_id"], "category": "code", "text": x["prompt"]} for x in rows])

    r = "sahil280114/codealpaca"
    rows = json.loads(show(r, "data/code_alpaca_2k.json"))
    task_set("codealpaca", r, "data/code_alpaca_2k.json", "Apache-2.0 (README); generated with text-davinci-003",
             [{"id": f"codealpaca/{i}", "category": "code",
               "text": x["instruction"] + ("\n" + x["input"] if x.get("input") else "")} for i, x in sample(enumerate(rows), 500)])

    r = "openai/grade-school-math"
    rows = jsonl(r, "grade_school_math/data/test.jsonl")
    task_set("gsm8k", r, "grade_school_math/data/test.jsonl", "MIT",
             [{"id": f"gsm8k/test/{i}", "category": "math", "text": x["question"]} for i, x in sample(enumerate(rows), 400)])

    r = "arkilpatel/SVAMP"
    rows = json.loads(show(r, "SVAMP.json"))
    task_set("svamp", r, "SVAMP.json", "MIT",
             [{"id": f"svamp/{x['ID']}", "category": "math", "text": (x["Body"].strip() + " " + x["Question"].strip())} for x in sample(rows, 300)])

    r = "deepmind/AQuA"
    rows = jsonl(r, "test.json")
    task_set("aqua", r, "test.json", "Apache-2.0",
             [{"id": f"aqua/test/{i}", "category": "math", "text": x["question"] + "\n" + " ".join(x["options"])} for i, x in enumerate(rows)])

    # Short requests to an assistant (CLINC150 intents an LLM would answer), grouped by intent.
    r = "clinc/oos-eval"
    intents = ["greeting", "goodbye", "thank_you", "translate", "definition", "fun_fact", "meaning_of_life", "tell_joke",
               "what_is_your_name", "who_made_you", "are_you_a_bot", "how_old_are_you", "where_are_you_from", "what_can_i_ask_you",
               "what_are_your_hobbies", "do_you_have_pets", "spelling", "measurement_conversion", "timezone", "plug_type", "vaccines",
               "international_visa", "cook_time", "calories", "nutrition_info", "ingredient_substitution", "ingredients_list", "recipe",
               "meal_suggestion", "travel_suggestion", "restaurant_suggestion", "improve_credit_score", "oil_change_how", "jump_start",
               "tire_change", "carry_on", "gas_type", "food_last", "next_holiday", "flip_coin", "roll_dice", "yes", "no", "maybe"]
    rows = json.loads(show(r, "data/data_full.json"))["test"]
    items = []
    for intent in intents:
        mine = [(i, q) for i, (q, label) in enumerate(rows) if label == intent]
        items += [{"id": f"clinc150/test/{i}", "category": "qa", "group": intent, "text": q} for i, q in sample(mine, 8)]
    task_set("clinc150", r, "data/data_full.json (test; %d intents, 8 each)" % len(intents), "CC BY 3.0", items, grouped=True)

    r = "lm-sys/FastChat"
    tree = ast.parse(show(r, "fastchat/data/hardcoded_questions.py"))
    questions = [q for node in ast.walk(tree) if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "questions"
                 for q in ast.literal_eval(node.value)]
    task_set("fastchat-identity", r, "fastchat/data/hardcoded_questions.py (questions lists)", "Apache-2.0",
             [{"id": f"fastchat-identity/{i}", "category": "qa", "text": q} for i, q in enumerate(questions)])

    r = "suzgunmirac/BIG-Bench-Hard"
    bbh = ["boolean_expressions", "date_understanding", "logical_deduction_three_objects", "logical_deduction_five_objects",
           "logical_deduction_seven_objects", "multistep_arithmetic_two", "navigate", "object_counting", "penguins_in_a_table",
           "reasoning_about_colored_objects", "temporal_sequences", "tracking_shuffled_objects_three_objects",
           "tracking_shuffled_objects_five_objects", "tracking_shuffled_objects_seven_objects", "web_of_lies", "formal_fallacies"]
    items = []
    for t in bbh:
        rows = json.loads(show(r, f"bbh/{t}.json"))["examples"]
        items += [{"id": f"bbh/{t}/{i}", "category": "reasoning", "text": x["input"]} for i, x in sample(enumerate(rows), 25)]
    task_set("bbh", r, "bbh/{" + ",".join(bbh) + "}.json (25 each)", "MIT", items)

    r = "google-research-datasets/natural-questions"
    rows = jsonl(r, "nq_open/NQ-open.dev.jsonl")
    task_set("nq-open", r, "nq_open/NQ-open.dev.jsonl", "CC BY-SA 3.0",
             [{"id": f"nq-open/dev/{i}", "category": "qa", "text": x["question"].strip().capitalize() + "?"} for i, x in sample(enumerate(rows), 500)])

    r = "lm-sys/FastChat"
    mt = {"writing": "writing", "roleplay": "chat", "reasoning": "reasoning", "math": "math", "coding": "code",
          "extraction": "extraction", "stem": "chat", "humanities": "chat"}
    rows = jsonl(r, "fastchat/llm_judge/data/mt_bench/question.jsonl")
    task_set("mt-bench", r, "fastchat/llm_judge/data/mt_bench/question.jsonl", "Apache-2.0",
             [{"id": f"mt-bench/{x['question_id']}", "category": mt[x["category"]], "text": x["turns"][0]} for x in rows])
    vb = {"generic": "chat", "knowledge": "chat", "roleplay": "chat", "common-sense": "chat", "fermi": "reasoning",
          "counterfactual": "chat", "coding": "code", "math": "math", "writing": "writing"}
    rows = jsonl(r, "fastchat/llm_judge/data/vicuna_bench/question.jsonl")
    task_set("vicuna-bench", r, "fastchat/llm_judge/data/vicuna_bench/question.jsonl", "Apache-2.0",
             [{"id": f"vicuna-bench/{x['question_id']}", "category": vb[x["category"]], "text": x["turns"][0]} for x in rows])

    r = "Quehry/HelloBench"
    rows = jsonl(r, "data/main_data/heuristic_text_generation.jsonl")
    task_set("hellobench-writing", r, "data/main_data/heuristic_text_generation.jsonl", "MIT",
             [{"id": f"hellobench/{x['id']}", "category": "writing", "text": x["instruction"]} for x in rows])
    rows = jsonl(r, "data/main_data/open_ended_qa.jsonl")
    task_set("hellobench-open-qa", r, "data/main_data/open_ended_qa.jsonl", "MIT",
             [{"id": f"hellobench/{x['id']}", "category": "chat", "text": x["instruction"]} for x in sample(rows, 100)])

    r = "THUDM/LongWriter"
    rows = jsonl(r, "evaluation/longbench_write_en.jsonl")
    task_set("longbench-write", r, "evaluation/longbench_write_en.jsonl", "Apache-2.0",
             [{"id": f"longbench-write/{i}", "category": "writing", "text": x["prompt"]} for i, x in enumerate(rows)])

    # Public Pool of Prompts (T0 training mixture) as sampled by the self-instruct repository, one file per template.
    r = "yizhongw/self-instruct"
    t0 = {
        "classification": ["ag_news_classify", "ag_news_classify_with_choices_question_first", "ag_news_which_section_choices",
                           "amazon_polarity_Is_this_product_review_positive", "amazon_polarity_convey_negative_or_positive_sentiment",
                           "amazon_polarity_negative_or_positive_tone", "imdb_Movie_Expressed_Sentiment", "imdb_Sentiment_with_choices_",
                           "imdb_Reviewer_Opinion_bad_good_choices", "rotten_tomatoes_Text_Expressed_Sentiment",
                           "rotten_tomatoes_Reviewer_Enjoyment_Yes_No", "dbpedia_14_given_a_choice_of_categories_",
                           "dbpedia_14_pick_one_category_for_the_following_text", "yelp_review_full_format_rating",
                           "yelp_review_full_on_a_scale", "trec_what_category_best_describe", "trec_which_category_best_describes",
                           "trec_pick_the_best_descriptor", "app_reviews_categorize_rating_using_review",
                           "app_reviews_convert_to_star_rating", "glue_qqp_duplicate_or_not", "glue_mrpc_equivalent"],
        "extraction": ["duorc_SelfRC_extract_answer", "duorc_ParaphraseRC_extract_answer", "quoref_Read_And_Extract_",
                       "quoref_Find_Answer", "quoref_What_Is_The_Answer", "adversarial_qa_dbert_answer_the_following_q",
                       "adversarial_qa_dbidaf_based_on", "adversarial_qa_droberta_tell_what_it_is", "wiki_bio_key_content",
                       "wiki_bio_what_content", "duorc_SelfRC_movie_director", "quoref_Answer_Question_Given_Context"],
        "qa": ["sciq_Direct_Question_Closed_Book_", "kilt_tasks_hotpotqa_straighforward_qa", "kilt_tasks_hotpotqa_final_exam",
               "kilt_tasks_hotpotqa_combining_facts", "kilt_tasks_hotpotqa_formulate", "commonsense_qa_answer_given_question_without_options"],
        "writing": ["gigaword_write_an_article", "multi_news_expand_reverse_task_", "cnn_dailymail_3_0_0_generate_story",
                    "duorc_SelfRC_build_story_around_qa", "duorc_ParaphraseRC_build_story_around_qa", "app_reviews_generate_review",
                    "samsum_Write_a_dialogue_that_match_this_summary", "cnn_dailymail_3_0_0_spice_up_story"],
        "summarization": ["xsum_DOC_tldr", "xsum_summarize_DOC", "xsum_DOC_write_summary_of_above", "samsum_Summarize_this_dialogue_",
                          "samsum_Sum_up_the_following_dialogue", "samsum_Given_the_above_dialogue_write_a_summary",
                          "cnn_dailymail_3_0_0_tldr_summary", "cnn_dailymail_3_0_0_sum_in_brief", "gigaword_generate_summary_for_this",
                          "multi_news_summarize"],
    }
    items = []
    base = "data/finetuning/t0_train_50k/data_per_template"
    for cat, templates in t0.items():
        for t in templates:
            rows = jsonl(r, f"{base}/{t}.jsonl")
            rows = [(i, x) for i, x in enumerate(rows) if len(x["prompt"]) <= MAX_CHARS]
            items += [{"id": f"p3/{t}/{i}", "category": cat, "group": t, "text": x["prompt"].strip()} for i, x in sample(rows, 20)]
    task_set("p3", r, f"{base}/<template>.jsonl ({sum(len(v) for v in t0.values())} templates, 20 each)",
             "Apache-2.0 (self-instruct); prompts from bigscience P3 templates", items, grouped=True)


# ---------------------------------------------------------------- PII sets
PII_FIELDS = ["id", "split", "text", "spans", "source", "negative_for"]
# Loopback, unspecified and broadcast addresses name no host: Presidio reports them, we do not claim them (neither positive nor negative).
UNCLAIMED_IPS = re.compile(r"^(127\.|0\.0\.0\.0|255\.255\.255\.255$|::1?(/\d+)?$)")
PRESIDIO = {  # recognizer test file -> our kind (None: every expected result is a negative for us too)
    "email": "Email", "phone": "Phone", "tr_phone_number": "Phone", "credit_card": "CreditCard", "iban": "Iban",
    "ip": "IpAddress", "us_ssn": "UsSsn", "us_itin": "UsItin", "uk_nino": "UkNino", "uk_nhs": "NhsNumber",
    "crypto": "CryptoAddress", "mac": "MacAddress", "us_passport": "Passport", "uk_passport": "Passport",
    "es_passport": "Passport", "it_passport": "Passport", "in_passport": "Passport", "kr_passport": "Passport",
    "de_passport": "Passport", "date": None, "url": None,
}
PASSPORT_WORDS = re.compile(r"passport|reisepass|passeport|pasaporte|passaporto|여권", re.I)


def literal(node):
    try:
        return ast.literal_eval(node)
    except Exception:
        return None


def presidio_cases(src):
    """Yields (text, expected_count, positions, score_ranges) from the pytest parametrize lists of a test module."""
    tree = ast.parse(src)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "parametrize" and len(node.args) >= 2:
            names = [n.strip() for n in (literal(node.args[0]) or "").split(",")]
            if not ({"text", "iban"} & set(names)) or not isinstance(node.args[1], (ast.List, ast.Tuple)):
                continue
            for elt in node.args[1].elts:
                case = literal(elt)
                if not isinstance(case, tuple) or len(case) != len(names):
                    continue
                d = dict(zip(names, case))
                count = d.get("expected_len", d.get("expected_count"))
                positions = d.get("expected_positions", d.get("expected_res", ()))
                d["text"] = d.get("text", d.get("iban"))
                if not isinstance(d["text"], str) or not isinstance(count, int):
                    continue
                yield d["text"], count, positions, d.get("expected_score_ranges"), d.get("entities"), d.get("leniency")


def pii():
    r = "microsoft/presidio"
    items, seen = [], set()
    for name, kind in PRESIDIO.items():
        path = f"presidio-analyzer/tests/test_{name}_recognizer.py"
        for n, (text, count, positions, scores, entities, leniency) in enumerate(presidio_cases(show(r, path))):
            if leniency not in (None, 1) or (text, kind) in seen:
                continue  # leniency variants of the same text: keep Presidio's default (VALID)
            seen.add((text, kind))
            spans, ambiguous = [], False
            for i, pos in enumerate(positions if count else ()):
                if not (isinstance(pos, tuple) and len(pos) == 2):
                    ambiguous = True
                    continue
                score = scores[i] if scores and i < len(scores) else None
                upper = score[1] if isinstance(score, tuple) else None
                confident = upper is None or upper == "max" or upper >= 0.5
                if kind == "Passport":
                    confident = bool(PASSPORT_WORDS.search(text))  # we claim passports only with a keyword near
                if kind is None:
                    continue
                if kind == "IpAddress" and UNCLAIMED_IPS.match(text[pos[0]:pos[1]]):
                    ambiguous = True
                    continue
                if confident:
                    # A value's span holds no surrounding space: Presidio's NINO pattern starts with an optional space (' ?'), so its
                    # expected position for 'Number YZ 61 48 68 B' starts at the space before YZ.
                    start, end = pos
                    while start < end and text[start].isspace():
                        start += 1
                    while end > start and text[end - 1].isspace():
                        end -= 1
                    spans.append({"kind": kind, "start": start, "end": end})
                else:
                    ambiguous = True  # Presidio itself reports it only with a low score: neither positive nor negative
            if ambiguous and not spans:
                continue
            item = {"id": f"presidio/{name}/{n}", "text": text, "spans": spans, "source": f"presidio:{name}"}
            if not spans:
                item["negative_for"] = kind or "*"  # a recognizer's negative case says nothing about the other kinds
            items.append(item)
    split_items(items)
    write("pii/presidio.jsonl", items, PII_FIELDS)
    SOURCES.append(("pii/presidio.jsonl", r, head(r), "presidio-analyzer/tests/test_{" + ",".join(PRESIDIO) + "}_recognizer.py", "MIT", len(items)))

    r = "microsoft/presidio-research"
    kinds = {"PHONE_NUMBER": "Phone", "EMAIL_ADDRESS": "Email", "CREDIT_CARD": "CreditCard", "IBAN_CODE": "Iban",
             "US_SSN": "UsSsn", "IP_ADDRESS": "IpAddress"}
    rows = json.loads(show(r, "data/synth_dataset_v2.json"))
    items = []
    for i, x in enumerate(rows):
        spans = [{"kind": kinds[s["entity_type"]], "start": s["start_position"], "end": s["end_position"]}
                 for s in x["spans"] if s["entity_type"] in kinds]
        others = sorted({s["entity_type"] for s in x["spans"] if s["entity_type"] not in kinds})
        items.append({"id": f"synth/{i}", "text": x["full_text"], "spans": sorted(spans, key=lambda s: s["start"]),
                      "source": "synth:" + ",".join(others), "negative_for": "*"})
    split_items(items)
    write("pii/synth.jsonl", items, PII_FIELDS)
    SOURCES.append(("pii/synth.jsonl", r, head(r), "data/synth_dataset_v2.json", "MIT", len(items)))

    # Code and technical prose without personal data: every finding here is a false positive.
    items = []
    r = "openai/human-eval"
    import gzip
    rows = [json.loads(l) for l in gzip.decompress(git(r, "show", "HEAD:data/HumanEval.jsonl.gz")).decode().splitlines() if l.strip()]
    items += [{"id": f"code/humaneval/{x['task_id']}", "text": x["prompt"] + x["canonical_solution"], "source": "code:humaneval"} for x in rows]
    SOURCES.append(("pii/code-prose.jsonl (humaneval)", r, head(r), "data/HumanEval.jsonl.gz (prompt + canonical_solution)", "MIT", len(rows)))
    r = "sahil280114/codealpaca"
    rows = [x for x in json.loads(show(r, "data/code_alpaca_2k.json")) if len(x["output"]) > 80]
    rows = sample(rows, 300)
    items += [{"id": f"code/codealpaca/{i}", "text": x["output"], "source": "code:codealpaca"} for i, x in enumerate(rows)]
    SOURCES.append(("pii/code-prose.jsonl (codealpaca)", r, head(r), "data/code_alpaca_2k.json (output)", "Apache-2.0 (README)", len(rows)))
    for r, folder, licence in [("ollama/ollama", "docs", "MIT"), ("huggingface/text-generation-inference", "docs/source", "Apache-2.0")]:
        paths = [p for p in git(r, "ls-tree", "-r", "--name-only", "HEAD", folder).decode().split() if p.endswith((".md", ".mdx"))]
        paras = []
        for p in paths:
            for k, para in enumerate(re.split(r"\n\s*\n", show(r, p))):
                if 80 <= len(para) <= 2000:
                    paras.append((p, k, para.strip()))
        paras = sample(paras, 350)
        items += [{"id": f"prose/{r.split('/')[1]}/{p}#{k}", "text": t, "source": f"prose:{r.split('/')[1]}"} for p, k, t in paras]
        SOURCES.append((f"pii/code-prose.jsonl ({r.split('/')[1]})", r, head(r), f"{folder}/**/*.md(x) paragraphs", licence, len(paras)))
    for it in items:
        it["spans"] = []
        it["negative_for"] = "*"
    split_items(items)
    write("pii/code-prose.jsonl", items, PII_FIELDS)


def nhs_valid(value):
    d = [int(c) for c in value if c.isdigit()]
    check = 11 - sum(x * (10 - i) for i, x in enumerate(d[:9])) % 11
    return len(d) == 10 and check != 10 and check % 11 == d[9]


def uk_ids():
    """UK NINO and NHS numbers labelled by others: detector test cases (scrubadub), validator test cases (test-nino, NHS number
    libraries in PHP, TypeScript, JavaScript) and the prose of an NHS number crate's README. Values the source says are valid are
    positives of their kind; values the source says are invalid are negatives for that kind only."""
    items = []

    def add(id, text, value=None, kind=None, negative_for=None, source=""):
        it = {"id": id, "text": text, "spans": [], "source": source}
        if value is not None:
            start = text.index(value)
            it["spans"] = [{"kind": kind, "start": start, "end": start + len(value)}]
        else:
            it["negative_for"] = negative_for
        items.append(it)

    r = "LeapBeyond/scrubadub"  # BEFORE/AFTER docstrings: the value is what AFTER replaced with a {{PLACEHOLDER}}
    for name, kind in (("nino", "UkNino"), ("trn", None)):
        src = show(r, f"tests/test_detector_en_GB_{name}.py")
        for n, (before, after) in enumerate(re.findall(r"BEFORE: (.*)\n\s*AFTER:  (.*)", src)):
            if kind is None:
                add(f"scrubadub/{name}/{n}", before, negative_for="UkNino", source=f"scrubadub:{name}")  # a tax reference, no NINO
                continue
            start = after.index("{{")
            tail = len(after) - after.index("}}") - 2
            add(f"scrubadub/{name}/{n}", before, before[start:len(before) - tail], kind, source=f"scrubadub:{name}")
    SOURCES.append(("pii/uk-ids.jsonl (scrubadub)", r, head(r), "tests/test_detector_en_GB_{nino,trn}.py", "Apache-2.0", len(items)))

    r, n0 = "Tom-Hudson/test-nino", len(items)
    spec = show(r, "src/validate.spec.ts")
    valid = re.findall(r"'([^']+)'", spec[spec.index("it.each(["):spec.index("])('should return valid")])
    for n, v in enumerate(valid):
        add(f"test-nino/valid/{n}", v, v, "UkNino", source="test-nino:validate")
    for n, v in enumerate(re.findall(r"\{ nino: '([^']+)'", spec)):
        add(f"test-nino/invalid/{n}", v, negative_for="UkNino", source="test-nino:validate")
    for n, v in enumerate(re.findall(r"input: '([^']+)'", show(r, "src/normalise.spec.ts"))):
        text = v.replace("\\t", "\t")
        add(f"test-nino/normalise/{n}", text, text.strip(), "UkNino", source="test-nino:normalise")
    SOURCES.append(("pii/uk-ids.jsonl (test-nino)", r, head(r), "src/{validate,normalise}.spec.ts", "MIT", len(items) - n0))

    r, n0 = "imliam/php-nhs-number", len(items)
    php = show(r, "tests/Unit/NhsNumberTest.php")
    for n, v in enumerate(re.findall(r"'(\d{10})'", php[php.index("$validNhsNumbers"):php.index("];")])):
        add(f"php-nhs-number/valid/{n}", v, v, "NhsNumber", source="php-nhs-number")
    SOURCES.append(("pii/uk-ids.jsonl (php-nhs-number)", r, head(r), "tests/Unit/NhsNumberTest.php", "MIT", len(items) - n0))

    r, n0 = "JoshWalshaw/NHS-Validation", len(items)
    ts = show(r, "src/NHSNumber/index.test.ts")
    for n, (v, ok) in enumerate(re.findall(r"validate\('([\d ]+)'\)\)\.toEqual\((true|false)\)", ts)):
        if ok == "true":
            add(f"nhs-validation/{n}", v, v, "NhsNumber", source="nhs-validation")
        else:
            add(f"nhs-validation/{n}", v, negative_for="NhsNumber", source="nhs-validation")
    SOURCES.append(("pii/uk-ids.jsonl (NHS-Validation)", r, head(r), "src/NHSNumber/index.test.ts", "MIT", len(items) - n0))

    r, n0 = "spikeheap/nhs-number-validator", len(items)
    for n, v in enumerate(re.findall(r'validator\.validate\("?(\d{10})"?\)\)\.toBe\(true\)', show(r, "index.spec.js"))):
        add(f"nhs-number-validator/{n}", v, v, "NhsNumber", source="nhs-number-validator")
    SOURCES.append(("pii/uk-ids.jsonl (nhs-number-validator)", r, head(r), "index.spec.js", "MIT", len(items) - n0))

    r, n0 = "GIG-Cymru-NHS-Wales/nhs-number-using-rust", len(items)  # README paragraphs that give an NHS number as an example
    for n, para in enumerate(re.split(r"\n\s*\n", show(r, "README.md"))):
        # Only the prose examples (not the range bounds), and only those the mod 11 rule accepts: the README's "An example is
        # 999 123 4560" fails its own checksum (remainder 1, check digit 10), so it is no NHS number and is left out.
        m = re.search(r"\b\d{3} \d{3} \d{4}\b", para)
        if m and "example" in para and "```" not in para and "let " not in para and nhs_valid(m.group(0)):
            add(f"nhs-number-rust/readme#{n}", para.strip(), m.group(0), "NhsNumber", source="nhs-number-rust:readme")
    SOURCES.append(("pii/uk-ids.jsonl (nhs-number-using-rust)", r, head(r), "README.md paragraphs with an example number", "MIT (one of MIT, Apache-2.0, GPL, BSD-3)", len(items) - n0))

    split_items(items)
    write("pii/uk-ids.jsonl", items, PII_FIELDS)


for folder in ("tasks", "pii"):
    if os.path.isdir(os.path.join(HERE, folder)):
        for f in os.listdir(os.path.join(HERE, folder)):
            remember(f"{folder}/{f}")
if sys.argv[2:] == ["uk-ids"]:
    # Only the UK id set (added later): its rows of SOURCES.md are replaced, the other sets stay as committed.
    uk_ids()
    path = os.path.join(HERE, "SOURCES.md")
    kept = [l for l in open(path, encoding="utf-8") if not l.startswith("| pii/uk-ids.jsonl")]
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(kept)
        for s in SOURCES:
            f.write("| %s | %s | `%s` | %s | %s | %d |\n" % s)
    sys.exit(0)
tasks()
pii()
uk_ids()
with open(os.path.join(HERE, "SOURCES.md"), "w") as f:
    f.write("# Evaluation data: sources\n\nGenerated by `collect.py` (seed %d, %d %% held out). One row per stored file or part.\n\n" % (SEED, HELD_OUT * 100))
    f.write("| file | repository | commit | path | licence | items |\n|---|---|---|---|---|---:|\n")
    for s in SOURCES:
        f.write("| %s | %s | `%s` | %s | %s | %d |\n" % s)

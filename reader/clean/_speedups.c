/*
 * Optional C speedups for the cleaning engine (reader.clean._speedups).
 *
 * Every function here is a second implementation of Python code in
 * reader/clean/features.py and boilerplate.py and gives the same results; the Python
 * code is the definition (and what runs when this module is not built).
 * tests/test_speedups.py compares the two on real and generated pages.
 *
 *   max_sum_region(scores)        features.max_sum_region
 *   word_counts(texts)            [len(t.split()) for t in texts]
 *   shape_counts(heads)           features.shape_counts, a triple a text
 *   stop_counts(heads, stopwords) [len(stopwords.intersection(h.lower().split())) for h in heads]
 *   find_any(texts, needles)      [i for i, t in enumerate(texts) if any(n in t for n in needles)]
 *                                 (boilerplate's rule guards)
 *   content_scores(...)           boilerplate.content_scores after features.page_context:
 *                                 features.page_features, stage 1, features.stage2_features, stage 2
 *
 * (shape_counts and stop_counts are what content_scores does to each block's head, exported
 * so that the tests can compare them with their definitions.)
 *
 * Floating-point arithmetic is done in the order the Python code does it
 * (Python floats are C doubles, math.log1p and math.exp are libm's), so the
 * scores are bit for bit the same on CPython 3.11 (from 3.12 Python's sum()
 * of floats is compensated, and the last bits of a score may differ).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* No fused multiply-adds: a*b + c rounded twice, as Python computes it. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif
#include <math.h>
#include <stdint.h>
#include <string.h>

/* features.SHAPE_CHARS: shape and stop-word features read this many characters of a block. */
#define SHAPE_CHARS 200
#define N_FEATURES 39
#define N_STAGE2 11

/* The features content_scores computes, in order (features.FEATURE_NAMES, features.STAGE2_NAMES):
 * the module exports them, and the Python code uses content_scores only when they are its own. */
static const char *const feature_names[N_FEATURES] = {
    "log_words", "log_chars", "words_le2", "words_le5", "words_6_10", "sent_end", "ends_colon",
    "comma_rate", "cap_ratio", "digit_ratio", "separators", "stop_ratio", "list_item", "heading",
    "keyword", "repeated", "comment_cue", "date_cue", "prev_log_words", "prev2_log_words",
    "next2_log_words", "prev_sent_end", "next_sent_end", "win3_long", "win10_long", "rel_char_pos",
    "in_region", "dist_region", "before_region", "after_title", "region_share", "kw_between",
    "comment_cue_win", "date_cue_win", "in_region_x_log_words", "in_region_x_sent_end",
    "dist_x_log_words", "in_region_x_keyword", "in_region_x_stop_ratio"
};
static const char *const stage2_names[N_STAGE2] = {
    "z", "z_next", "z_next2", "p_win5", "sandwich5", "in_region2", "dist_region2", "log_words",
    "words_le5", "keyword", "z_minus_max"
};

/* ---- Kadane ----------------------------------------------------------------------------- */

/* The maximum-sum run (first, last) of s[0..n), exactly as features.max_sum_region scans it. */
static void
kadane(const double *s, Py_ssize_t n, Py_ssize_t *first, Py_ssize_t *last)
{
    double best_sum = -INFINITY, cur = 0.0;
    Py_ssize_t start = 0;
    *first = 0;
    *last = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (cur <= 0) {
            cur = s[i];
            start = i;
        }
        else {
            cur += s[i];
        }
        if (cur > best_sum) {
            best_sum = cur;
            *first = start;
            *last = i;
        }
    }
}

static PyObject *
max_sum_region(PyObject *module, PyObject *scores)
{
    PyObject *seq = PySequence_Fast(scores, "max_sum_region: scores must be a sequence");
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    double *s = PyMem_Malloc((n ? n : 1) * sizeof(double));
    if (s == NULL) {
        Py_DECREF(seq);
        return PyErr_NoMemory();
    }
    PyObject **items = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t i = 0; i < n; i++) {
        s[i] = PyFloat_AsDouble(items[i]);
        if (s[i] == -1.0 && PyErr_Occurred()) {
            PyMem_Free(s);
            Py_DECREF(seq);
            return NULL;
        }
    }
    Py_ssize_t first, last;
    kadane(s, n, &first, &last);
    PyMem_Free(s);
    Py_DECREF(seq);
    return Py_BuildValue("(nn)", first, last);
}

/* ---- characters --------------------------------------------------------------------------- */

/* A character of the class [A-ZÀ-ÖØ-ÞΑ-ΩА-Я] (features._CAP_WORD). */
static inline int
is_cap(Py_UCS4 c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xDE) ||
           (c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F);
}

/* A character of the class ["'“‘(«] (features._CAP_WORD). */
static inline int
is_open_quote(Py_UCS4 c)
{
    return c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == '(' || c == 0xAB;
}

/* A character of the class [|•·»›/] (features._SEPARATORS). */
static inline int
is_separator(Py_UCS4 c)
{
    return c == '|' || c == '/' || c == 0x2022 || c == 0xB7 || c == 0xBB || c == 0x203A;
}

/* Words as str.split() finds them: runs of characters that are not whitespace. */
static Py_ssize_t
count_words(PyObject *s, Py_ssize_t n)
{
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t words = 0;
    int in_word = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISSPACE(c))
            in_word = 0;
        else if (!in_word) {
            in_word = 1;
            words++;
        }
    }
    return words;
}

static int
check_str(PyObject *t)
{
    if (!PyUnicode_Check(t)) {
        PyErr_Format(PyExc_TypeError, "expected str, got %.100s", Py_TYPE(t)->tp_name);
        return -1;
    }
    return 0;
}

/* [f(t) for t in texts], every t a str (f gives a new reference, or NULL on an error). */
static PyObject *
map_texts(PyObject *texts, PyObject *(*f)(PyObject *t))
{
    PyObject *seq = PySequence_Fast(texts, "expected a sequence of str");
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *out = PyList_New(n);
    for (Py_ssize_t i = 0; out != NULL && i < n; i++) {
        PyObject *v = check_str(items[i]) < 0 ? NULL : f(items[i]);
        if (v == NULL)
            Py_CLEAR(out);
        else
            PyList_SET_ITEM(out, i, v);
    }
    Py_DECREF(seq);
    return out;
}

static PyObject *
word_count_of(PyObject *t)
{
    return PyLong_FromSsize_t(count_words(t, PyUnicode_GET_LENGTH(t)));
}

static PyObject *
word_counts(PyObject *module, PyObject *texts)
{
    return map_texts(texts, word_count_of);
}

/* Capitalised words (matches of _CAP_WORD in " " + head), digits and separators in the
 * first `limit` characters of s. */
static void
shape_of(PyObject *s, Py_ssize_t limit, Py_ssize_t *caps, Py_ssize_t *digits, Py_ssize_t *seps)
{
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n > limit)
        n = limit;
    Py_ssize_t nc = 0, nd = 0, ns = 0;
    int after_space = 1; /* the " " put before the text */
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (after_space) {
            /* A match starts at the space before i: a capital, or an opening quote and a capital. */
            if (is_cap(c) || (is_open_quote(c) && i + 1 < n && is_cap(PyUnicode_READ(kind, data, i + 1))))
                nc++;
        }
        if (Py_UNICODE_ISSPACE(c))
            after_space = 1;
        else {
            after_space = 0;
            if (Py_UNICODE_ISDECIMAL(c))
                nd++;
            else if (is_separator(c))
                ns++;
        }
    }
    *caps = nc;
    *digits = nd;
    *seps = ns;
}

static PyObject *
shape_of_text(PyObject *t)
{
    Py_ssize_t caps, digits, seps;
    shape_of(t, PY_SSIZE_T_MAX, &caps, &digits, &seps);
    return Py_BuildValue("(nnn)", caps, digits, seps);
}

static PyObject *
shape_counts(PyObject *module, PyObject *heads)
{
    return map_texts(heads, shape_of_text);
}

/* ---- stop words ----------------------------------------------------------------------------- */

/* The stop words of the set last seen, in an open-addressing table of code points. */
#define STOP_SLOTS 1024
#define STOP_MAX_LEN 15
typedef struct {
    Py_UCS4 word[STOP_MAX_LEN];
    unsigned char len;
    unsigned int seen; /* the text it was last counted in */
} StopSlot;

static StopSlot stop_table[STOP_SLOTS];
static PyObject *stop_set = NULL; /* the set the table was built from (a strong reference) */
static unsigned int stop_text = 0;

static unsigned int
stop_hash(const Py_UCS4 *w, Py_ssize_t len)
{
    unsigned int h = 2166136261u;
    for (Py_ssize_t i = 0; i < len; i++)
        h = (h ^ (unsigned int)w[i]) * 16777619u;
    return h & (STOP_SLOTS - 1);
}

static int
build_stop_table(PyObject *stopwords)
{
    if (stop_set == stopwords)
        return 0;
    if (!PyAnySet_Check(stopwords)) {
        PyErr_SetString(PyExc_TypeError, "stopwords must be a set or frozenset");
        return -1;
    }
    memset(stop_table, 0, sizeof(stop_table));
    Py_CLEAR(stop_set);
    PyObject *it = PyObject_GetIter(stopwords), *key;
    if (it == NULL)
        return -1;
    Py_ssize_t filled = 0;
    while ((key = PyIter_Next(it)) != NULL) {
        Py_DECREF(key); /* (the set holds it) */
        if (!PyUnicode_Check(key))
            continue;
        Py_ssize_t len = PyUnicode_GET_LENGTH(key);
        if (len == 0 || len > STOP_MAX_LEN || ++filled > STOP_SLOTS / 2) {
            Py_DECREF(it);
            PyErr_SetString(PyExc_ValueError, "stop words: at most 512 words of 1 to 15 characters");
            return -1;
        }
        Py_UCS4 w[STOP_MAX_LEN];
        for (Py_ssize_t k = 0; k < len; k++)
            w[k] = PyUnicode_READ_CHAR(key, k);
        unsigned int h = stop_hash(w, len);
        while (stop_table[h].len)
            h = (h + 1) & (STOP_SLOTS - 1);
        memcpy(stop_table[h].word, w, len * sizeof(Py_UCS4));
        stop_table[h].len = (unsigned char)len;
    }
    Py_DECREF(it);
    if (PyErr_Occurred())
        return -1;
    stop_set = Py_NewRef(stopwords);
    return 0;
}

/* Distinct stop words among the lower-cased words of the first `limit` characters of s:
 * len(stopwords.intersection(s[:limit].lower().split())).
 *
 * A character is lower-cased by its simple mapping, which is what str.lower() does but
 * for U+0130 (İ becomes "i̇", two characters) and a final capital sigma (ς rather than σ):
 * no stop word holds U+0307 or a Greek letter, so a word with either is never one. */
static Py_ssize_t
stop_count(PyObject *s, Py_ssize_t limit)
{
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n > limit)
        n = limit;
    unsigned int text = ++stop_text;
    if (text == 0) { /* wrapped around: forget every mark */
        for (int k = 0; k < STOP_SLOTS; k++)
            stop_table[k].seen = 0;
        text = stop_text = 1;
    }
    Py_ssize_t count = 0, i = 0;
    Py_UCS4 w[STOP_MAX_LEN];
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISSPACE(c)) {
            i++;
            continue;
        }
        /* A word: lower-case its first STOP_MAX_LEN characters. */
        Py_ssize_t len = 0;
        int maybe = 1;
        for (; i < n; i++) {
            c = PyUnicode_READ(kind, data, i);
            if (Py_UNICODE_ISSPACE(c))
                break;
            if (len == STOP_MAX_LEN || c == 0x130) {
                maybe = 0; /* too long, or lower-cased to two characters */
                continue;
            }
            w[len++] = c < 128 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : Py_UNICODE_TOLOWER(c);
        }
        if (!maybe)
            continue;
        unsigned int h = stop_hash(w, len);
        while (stop_table[h].len) {
            if (stop_table[h].len == len && memcmp(stop_table[h].word, w, len * sizeof(Py_UCS4)) == 0) {
                if (stop_table[h].seen != text) {
                    stop_table[h].seen = text;
                    count++;
                }
                break;
            }
            h = (h + 1) & (STOP_SLOTS - 1);
        }
    }
    return count;
}

static PyObject *
stop_count_of(PyObject *t)
{
    return PyLong_FromSsize_t(stop_count(t, PY_SSIZE_T_MAX));
}

static PyObject *
stop_counts(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "stop_counts(heads, stopwords)");
        return NULL;
    }
    if (build_stop_table(args[1]) < 0)
        return NULL;
    return map_texts(args[0], stop_count_of);
}

/* ---- literal search ------------------------------------------------------------------------ */

/* The needles of the last few tuples seen (each at most 64 strings of 1 to 31 characters). */
#define MAX_NEEDLES 64
#define NEEDLE_MAX_LEN 31
#define NEEDLE_SETS 4
typedef struct {
    PyObject *tuple; /* a strong reference */
    Py_UCS4 needle[MAX_NEEDLES][NEEDLE_MAX_LEN];
    Py_ssize_t len[MAX_NEEDLES];
    Py_ssize_t n;
    uint64_t start[256]; /* the needles that start with each Latin-1 character (bit k: needle k) */
    uint64_t start_high; /* the needles that start with a character above U+00FF */
} NeedleSet;

static NeedleSet needle_sets[NEEDLE_SETS];
static int needle_next = 0;

static NeedleSet *
needle_set(PyObject *tuple)
{
    for (int k = 0; k < NEEDLE_SETS; k++)
        if (needle_sets[k].tuple == tuple)
            return &needle_sets[k];
    if (!PyTuple_Check(tuple) || PyTuple_GET_SIZE(tuple) > MAX_NEEDLES) {
        PyErr_SetString(PyExc_TypeError, "needles must be a tuple of at most 64 strings");
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(tuple);
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *w = PyTuple_GET_ITEM(tuple, k);
        if (!PyUnicode_Check(w) || PyUnicode_GET_LENGTH(w) == 0 || PyUnicode_GET_LENGTH(w) > NEEDLE_MAX_LEN) {
            PyErr_SetString(PyExc_ValueError, "needles must have 1 to 31 characters");
            return NULL;
        }
    }
    NeedleSet *set = &needle_sets[needle_next];
    needle_next = (needle_next + 1) % NEEDLE_SETS;
    Py_CLEAR(set->tuple);
    memset(set->start, 0, sizeof(set->start));
    set->start_high = 0;
    set->n = n;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *w = PyTuple_GET_ITEM(tuple, k);
        set->len[k] = PyUnicode_GET_LENGTH(w);
        for (Py_ssize_t j = 0; j < set->len[k]; j++)
            set->needle[k][j] = PyUnicode_READ_CHAR(w, j);
        if (set->needle[k][0] < 256)
            set->start[set->needle[k][0]] |= (uint64_t)1 << k;
        else
            set->start_high |= (uint64_t)1 << k;
    }
    set->tuple = Py_NewRef(tuple);
    return set;
}

/* Does buf[0..n) hold a needle of the set? */
static int
holds_needle(const NeedleSet *set, const Py_UCS4 *buf, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = buf[i];
        uint64_t mask = c < 256 ? set->start[c] : set->start_high;
        while (mask) {
#if defined(__GNUC__) || defined(__clang__)
            int k = __builtin_ctzll(mask);
#else
            int k = 0;
            while (!((mask >> k) & 1))
                k++;
#endif
            mask &= mask - 1;
            /* (The second character rules most out; the first is c but above U+00FF.) */
            Py_ssize_t len = set->len[k];
            if (i + len <= n && set->needle[k][0] == c && (len == 1 || (set->needle[k][1] == buf[i + 1] &&
                                              memcmp(set->needle[k] + 2, buf + i + 2, (len - 2) * sizeof(Py_UCS4)) == 0)))
                return 1;
        }
    }
    return 0;
}

/*
 * find_any(texts, needles) -> list[int]
 *
 * The indices of the texts that hold one of the needles (a tuple of strings):
 * [i for i, t in enumerate(texts) if any(n in t for n in needles)].
 */
static PyObject *
find_any(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "find_any(texts, needles)");
        return NULL;
    }
    NeedleSet *set = needle_set(args[1]);
    if (set == NULL)
        return NULL;
    PyObject *seq = PySequence_Fast(args[0], "find_any: texts must be a sequence");
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    PyObject *out = PyList_New(0);
    Py_UCS4 *buf = NULL;
    Py_ssize_t cap = 0;
    if (out == NULL)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t = items[i];
        if (check_str(t) < 0)
            goto fail;
        Py_ssize_t len = PyUnicode_GET_LENGTH(t);
        if (len == 0)
            continue;
        if (len > cap) {
            cap = len > 256 ? len : 256;
            PyMem_Free(buf);
            buf = PyMem_Malloc(cap * sizeof(Py_UCS4));
            if (buf == NULL) {
                PyErr_NoMemory();
                goto fail;
            }
        }
        if (PyUnicode_AsUCS4(t, buf, cap, 0) == NULL)
            goto fail;
        if (holds_needle(set, buf, len)) {
            PyObject *v = PyLong_FromSsize_t(i);
            if (v == NULL || PyList_Append(out, v) < 0) {
                Py_XDECREF(v);
                goto fail;
            }
            Py_DECREF(v);
        }
    }
    PyMem_Free(buf);
    Py_DECREF(seq);
    return out;
fail:
    PyMem_Free(buf);
    Py_XDECREF(out);
    Py_DECREF(seq);
    return NULL;
}

/* Attribute names of a Block (interned when the module is loaded). */
static PyObject *str_kind = NULL, *str_start = NULL;

/* ---- the model -------------------------------------------------------------------------- */

/* The n items of a sequence as integers (truth values too) into `longs`, or as floats
 * into `doubles` (the other one NULL). */
static int
read_numbers(PyObject *obj, Py_ssize_t n, Py_ssize_t *longs, double *doubles, const char *what)
{
    PyObject *seq = PySequence_Fast(obj, what);
    if (seq == NULL)
        return -1;
    int ok = PySequence_Fast_GET_SIZE(seq) == n;
    if (!ok)
        PyErr_Format(PyExc_ValueError, "%s: expected %zd items", what, n);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t i = 0; ok && i < n; i++) {
        if (longs != NULL)
            ok = (longs[i] = PyLong_AsSsize_t(items[i])) != -1 || !PyErr_Occurred();
        else
            ok = (doubles[i] = PyFloat_AsDouble(items[i])) != -1.0 || !PyErr_Occurred();
    }
    Py_DECREF(seq);
    return ok ? 0 : -1;
}

static inline double
sigmoid(double v)
{
    /* boilerplate.content_scores: 1 / (1 + exp(-max(v, -30))) below 30, else 1. */
    return v < 30.0 ? 1.0 / (1.0 + exp(-(v > -30.0 ? v : -30.0))) : 1.0;
}

static inline double
min1(double x)
{
    return x < 1.0 ? x : 1.0; /* min(x, 1.0) */
}

/* {text: True if it stands more than once, else False} for the texts shorter than 80. */
static PyObject *
short_text_repeats(PyObject *texts)
{
    PyObject *seen = PyDict_New();
    if (seen == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(texts); j++) {
        PyObject *u = PyList_GET_ITEM(texts, j);
        if (!PyUnicode_Check(u) || PyUnicode_GET_LENGTH(u) >= 80)
            continue;
        PyObject *before = PyDict_GetItemWithError(seen, u);
        if (before == NULL && PyErr_Occurred()) {
            Py_DECREF(seen);
            return NULL;
        }
        if (PyDict_SetItem(seen, u, before == NULL ? Py_False : Py_True) < 0) {
            Py_DECREF(seen);
            return NULL;
        }
    }
    return seen;
}

/*
 * content_scores(texts, blocks, n_words, sent_end, hits, active, comment_cues, date_cues,
 *                first, last, title, region_share, raw_len, stopwords,
 *                list_kind, heading_kind, w1, b1, w2, b2, skip) -> list[float]
 *
 * The probability that each block is article content: boilerplate.content_scores, given
 * features.page_context's facts (the cues, the title, the region's share, the raw length).
 */
static PyObject *
content_scores(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 21) {
        PyErr_SetString(PyExc_TypeError, "content_scores takes 21 arguments");
        return NULL;
    }
    PyObject *texts = args[0], *blocks = args[1];
    if (!PyList_Check(texts) || !PyList_Check(blocks)) {
        PyErr_SetString(PyExc_TypeError, "content_scores: texts and blocks must be lists");
        return NULL;
    }
    Py_ssize_t nb = PyList_GET_SIZE(texts);
    if (PyList_GET_SIZE(blocks) != nb) {
        PyErr_SetString(PyExc_ValueError, "content_scores: one text per block");
        return NULL;
    }
    Py_ssize_t first = PyLong_AsSsize_t(args[8]), last = PyLong_AsSsize_t(args[9]);
    Py_ssize_t title = PyLong_AsSsize_t(args[10]);
    double region_share = PyFloat_AsDouble(args[11]);
    Py_ssize_t raw_len = PyLong_AsSsize_t(args[12]);
    PyObject *stopwords = args[13], *list_kind = args[14], *head_kind = args[15];
    double b1 = PyFloat_AsDouble(args[17]), b2 = PyFloat_AsDouble(args[19]), skip = PyFloat_AsDouble(args[20]);
    if (PyErr_Occurred())
        return NULL;
    if (build_stop_table(stopwords) < 0)
        return NULL;

    PyObject *active_seq = PySequence_Fast(args[5], "content_scores: active must be a sequence");
    if (active_seq == NULL)
        return NULL;
    Py_ssize_t na = PySequence_Fast_GET_SIZE(active_seq);

    PyObject *out = NULL;
    PyObject *seen = NULL; /* short_text_repeats(texts), made when first needed */
    /* One allocation for every array: per block 5 integers, 4 integer prefix sums (nb + 1
     * each), 4 doubles and 1 double prefix sum; per active block its index; the weights. */
    Py_ssize_t n_long = 5 * nb + 4 * (nb + 1) + na;
    Py_ssize_t n_double = 4 * nb + (nb + 1) + N_FEATURES + N_STAGE2;
    char *mem = PyMem_Malloc(n_long * sizeof(Py_ssize_t) + n_double * sizeof(double) + 1);
    if (mem == NULL) {
        Py_DECREF(active_seq);
        return PyErr_NoMemory();
    }
    Py_ssize_t *n_words = (Py_ssize_t *)mem, *sent = n_words + nb, *hit = sent + nb, *cc = hit + nb;
    Py_ssize_t *cd = cc + nb, *pl = cd + nb, *pk = pl + nb + 1, *pc = pk + nb + 1, *pd = pc + nb + 1;
    Py_ssize_t *act = pd + nb + 1;
    double *logw = (double *)(act + na), *z = logw + nb, *p = z + nb, *half = p + nb, *pp = half + nb;
    double *w1 = pp + nb + 1, *w2 = w1 + N_FEATURES;

    if (read_numbers(args[2], nb, n_words, NULL, "n_words") < 0 ||
        read_numbers(args[3], nb, sent, NULL, "sent_end") < 0 || read_numbers(args[4], nb, hit, NULL, "hits") < 0 ||
        read_numbers(args[6], nb, cc, NULL, "comment_cues") < 0 ||
        read_numbers(args[7], nb, cd, NULL, "date_cues") < 0 || read_numbers(active_seq, na, act, NULL, "active") < 0 ||
        read_numbers(args[16], N_FEATURES, NULL, w1, "stage-1 weights") < 0 ||
        read_numbers(args[18], N_STAGE2, NULL, w2, "stage-2 weights") < 0)
        goto done;

    pl[0] = pk[0] = pc[0] = pd[0] = 0;
    for (Py_ssize_t i = 0; i < nb; i++) {
        logw[i] = log1p((double)n_words[i]);
        pl[i + 1] = pl[i] + (n_words[i] >= 15);
        pk[i + 1] = pk[i] + (hit[i] != 0);
        pc[i + 1] = pc[i] + cc[i];
        pd[i + 1] = pd[i] + cd[i];
        z[i] = skip;
    }

    /* Stage 1: bias + w . features (features.page_features), in feature order. */
    for (Py_ssize_t k = 0; k < na; k++) {
        Py_ssize_t i = act[k];
        if (i < 0 || i >= nb) {
            PyErr_SetString(PyExc_IndexError, "content_scores: active block out of range");
            goto done;
        }
        PyObject *t = PyList_GET_ITEM(texts, i);
        if (check_str(t) < 0)
            goto done;
        PyObject *block = PyList_GET_ITEM(blocks, i);
        PyObject *kind = PyObject_GetAttr(block, str_kind);
        if (kind == NULL)
            goto done;
        Py_DECREF(kind); /* (compared by identity only; the block holds it) */
        PyObject *start_obj = PyObject_GetAttr(block, str_start);
        if (start_obj == NULL)
            goto done;
        Py_ssize_t start = PyLong_AsSsize_t(start_obj);
        Py_DECREF(start_obj);
        if (start == -1 && PyErr_Occurred())
            goto done;

        Py_ssize_t n = n_words[i], nc = PyUnicode_GET_LENGTH(t);
        Py_ssize_t hl = nc <= SHAPE_CHARS ? nc : SHAPE_CHARS;
        Py_ssize_t caps, digits, seps;
        shape_of(t, SHAPE_CHARS, &caps, &digits, &seps);
        Py_ssize_t stops = stop_count(t, SHAPE_CHARS);
        /* Words in the head: n, or about n * P / nc of a long block. */
        double nh = nc <= SHAPE_CHARS ? (double)n : (double)(n * SHAPE_CHARS) / (double)nc;
        double stop = nh != 0.0 ? (double)stops / nh : 0.0;
        double lw = logw[i];
        double hitf = hit[i] ? 1.0 : 0.0, se = sent[i] ? 1.0 : 0.0;
        int inside = first <= i && i <= last;
        double dist = inside ? 0.0 : log1p((double)(i < first ? first - i : i - last));
        Py_ssize_t lo3 = i >= 3 ? i - 3 : 0, hi3 = i + 4 < nb ? i + 4 : nb;
        Py_ssize_t lo10 = i >= 10 ? i - 10 : 0, hi10 = i + 11 < nb ? i + 11 : nb;
        Py_ssize_t lo2 = i >= 2 ? i - 2 : 0, hi2 = i + 3 < nb ? i + 3 : nb;

        int kind_data = PyUnicode_KIND(t);
        const void *data = PyUnicode_DATA(t);
        Py_ssize_t commas = 0;
        for (Py_ssize_t j = 0; j < nc; j++)
            commas += PyUnicode_READ(kind_data, data, j) == ',';
        int ends_colon = nc > 0 && PyUnicode_READ(kind_data, data, nc - 1) == ':';
        int repeated = 0;
        if (nc < 80) {
            /* Counter(texts shorter than 80)[t] > 1: another block with the same text. */
            if (seen == NULL && (seen = short_text_repeats(texts)) == NULL)
                goto done;
            PyObject *twice = PyDict_GetItemWithError(seen, t);
            if (twice == NULL && PyErr_Occurred())
                goto done;
            repeated = twice == Py_True;
        }

        double f[N_FEATURES] = {
            lw,
            log1p((double)nc),
            n <= 2 ? 1.0 : 0.0,
            n <= 5 ? 1.0 : 0.0,
            (n >= 6 && n <= 10) ? 1.0 : 0.0,
            se,
            ends_colon ? 1.0 : 0.0,
            min1((double)commas / (double)(n + 1)),
            nh != 0.0 ? (double)caps / nh : 0.0,
            min1((double)digits / (double)(hl + 1)),
            min1((double)(seps * 3) / (nh + 1.0)),
            stop,
            kind == list_kind ? 1.0 : 0.0,
            kind == head_kind ? 1.0 : 0.0,
            hitf,
            repeated ? 1.0 : 0.0,
            cc[i] ? 1.0 : 0.0,
            cd[i] ? 1.0 : 0.0,
            i > 0 ? logw[i - 1] : 0.0,
            i > 1 ? logw[i - 2] : 0.0,
            i + 2 < nb ? logw[i + 2] : 0.0,
            (i > 0 && sent[i - 1]) ? 1.0 : 0.0,
            (i + 1 < nb && sent[i + 1]) ? 1.0 : 0.0,
            (double)(pl[hi3] - pl[lo3]) / (double)(hi3 - lo3),
            (double)(pl[hi10] - pl[lo10]) / (double)(hi10 - lo10),
            (double)start / (double)raw_len,
            inside ? 1.0 : 0.0,
            dist,
            i < first ? 1.0 : 0.0,
            (title >= 0 && i > title) ? 1.0 : 0.0,
            region_share,
            inside ? 0.0 : log1p((double)(i < first ? pk[first] - pk[i + 1] : pk[i] - pk[last + 1])),
            pc[hi2] > pc[lo2] ? 1.0 : 0.0,
            pd[hi2] > pd[lo2] ? 1.0 : 0.0,
            inside ? lw : 0.0,
            inside ? se : 0.0,
            inside ? 0.0 : lw * dist,
            inside ? hitf : 0.0,
            inside ? stop : 0.0,
        };
        double v = b1;
        for (int j = 0; j < N_FEATURES; j++)
            v += w1[j] * f[j];
        z[i] = v;
    }

    /* Stage 2 (features.stage2_features): the stage-1 scores around each block. */
    double zmax = -INFINITY;
    pp[0] = 0.0;
    for (Py_ssize_t i = 0; i < nb; i++) {
        p[i] = sigmoid(z[i]);
        pp[i + 1] = pp[i] + p[i];
        half[i] = p[i] - 0.5;
        if (z[i] > zmax)
            zmax = z[i];
    }
    Py_ssize_t f2, l2;
    kadane(half, nb, &f2, &l2);
    double p_skip = sigmoid(skip);
    out = PyList_New(nb);
    if (out == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < nb; i++) {
        PyObject *o = PyFloat_FromDouble(p_skip);
        if (o == NULL) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, i, o);
    }
    for (Py_ssize_t k = 0; k < na; k++) {
        Py_ssize_t i = act[k], n = n_words[i];
        double v = z[i];
        Py_ssize_t lo = i >= 5 ? i - 5 : 0, hi = i + 6 < nb ? i + 6 : nb;
        int inside = f2 <= i && i <= l2;
        /* min(max(p[lo:i]) or 0.0, max(p[i + 1:hi]) or 0.0): among confident blocks? */
        double left = 0.0, right = 0.0;
        if (lo < i) {
            left = p[lo];
            for (Py_ssize_t j = lo + 1; j < i; j++)
                if (p[j] > left)
                    left = p[j];
        }
        if (i + 1 < hi) {
            right = p[i + 1];
            for (Py_ssize_t j = i + 2; j < hi; j++)
                if (p[j] > right)
                    right = p[j];
        }
        Py_ssize_t width = hi - lo - 1;
        double g[N_STAGE2] = {
            v,
            i + 1 < nb ? z[i + 1] : -5.0,
            i + 2 < nb ? z[i + 2] : -5.0,
            (pp[hi] - pp[lo] - p[i]) / (double)(width > 1 ? width : 1),
            right < left ? right : left,
            inside ? 1.0 : 0.0,
            inside ? 0.0 : log1p((double)(i < f2 ? f2 - i : i - l2)),
            log1p((double)n),
            n <= 5 ? 1.0 : 0.0,
            hit[i] ? 1.0 : 0.0,
            v - zmax > -20.0 ? v - zmax : -20.0,
        };
        double s2 = b2;
        for (int j = 0; j < N_STAGE2; j++)
            s2 += w2[j] * g[j];
        PyObject *o = PyFloat_FromDouble(sigmoid(s2));
        if (o == NULL) {
            Py_CLEAR(out);
            goto done;
        }
        if (PyList_SetItem(out, i, o) < 0) { /* (it takes o, and drops the item it replaces) */
            Py_CLEAR(out);
            goto done;
        }
    }
done:
    Py_XDECREF(seen);
    PyMem_Free(mem);
    Py_DECREF(active_seq);
    return out;
}

static PyMethodDef speedups_methods[] = {
    {"max_sum_region", max_sum_region, METH_O, "The maximum-sum contiguous run (first, last); (0, -1) if empty."},
    {"word_counts", word_counts, METH_O, "[len(t.split()) for t in texts]"},
    {"shape_counts", shape_counts, METH_O, "[(capitalised words, digits, separators) of each text]"},
    {"stop_counts", (PyCFunction)(void (*)(void))stop_counts, METH_FASTCALL,
     "[len(stopwords.intersection(h.lower().split())) for h in heads]"},
    {"find_any", (PyCFunction)(void (*)(void))find_any, METH_FASTCALL,
     "Indices of the texts that hold one of the needles."},
    {"content_scores", (PyCFunction)(void (*)(void))content_scores, METH_FASTCALL,
     "The probability that each block is article content (the boilerplate model)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT, "reader.clean._speedups",
    "Optional C speedups of reader.clean.features (same results as the Python code).", -1, speedups_methods,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    if (str_kind == NULL && (str_kind = PyUnicode_InternFromString("kind")) == NULL)
        return NULL;
    if (str_start == NULL && (str_start = PyUnicode_InternFromString("start")) == NULL)
        return NULL;
    PyObject *module = PyModule_Create(&speedups_module);
    if (module == NULL)
        return NULL;
    PyObject *names[2] = {PyTuple_New(N_FEATURES), PyTuple_New(N_STAGE2)};
    for (int k = 0; k < 2; k++) {
        const char *const *src = k == 0 ? feature_names : stage2_names;
        if (names[k] == NULL)
            goto fail;
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(names[k]); j++) {
            PyObject *name = PyUnicode_FromString(src[j]);
            if (name == NULL)
                goto fail;
            PyTuple_SET_ITEM(names[k], j, name);
        }
    }
    if (PyModule_AddObject(module, "FEATURE_NAMES", names[0]) < 0)
        goto fail;
    names[0] = NULL;
    if (PyModule_AddObject(module, "STAGE2_NAMES", names[1]) < 0)
        goto fail;
    names[1] = NULL;
    if (PyModule_AddIntConstant(module, "SHAPE_CHARS", SHAPE_CHARS) < 0)
        goto fail;
    return module;
fail:
    Py_XDECREF(names[0]);
    Py_XDECREF(names[1]);
    Py_DECREF(module);
    return NULL;
}

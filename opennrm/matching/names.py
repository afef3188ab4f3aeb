"""Arabic-aware name keys: the part of duplicate detection no library gives us.

A name written محمد, Mohamed, Mohammed or Muhammad should meet itself; Fatima Zahra,
Fatimazahra and Fatima-Ezzahra too; El Idrissi and Idrissi; Abdelkader and Abdul Qadir; Ben Ali
and Benali. Both scripts are reduced to a *consonant skeleton* over one alphabet, the way
Arabic itself is written without short vowels:

- Latin spellings lose their accents; French and English digraphs map to one letter each
  (ch/sh -> c for ش, kh and k -> k, gh -> G for غ, th -> t or s, dh -> d, dj/j/g -> j,
  q and hard c -> k, soft c -> s, ou before a vowel -> w or nothing); vowels are dropped,
  except a final i or y (the nisba ending ي of Idrissi, Alaoui), kept as y; a final h is
  read both ways (ة in Fatimah, ح in Salah).
- Arabic letters map to the same alphabet; alif, hamza, ain and the final ة/ه are dropped;
  و and ي inside a word may be a consonant or a long vowel, so both readings are kept.
- The article (al, el, l', ال) is dropped, also when written inside abd-el-... or as a
  prefix (Elidrissi); assimilated articles (Ezzahra, Essaidi, Eddine) fold by themselves
  since vowels go and doubled letters collapse.
- ben/bin/ibn/ould ("son of") stay, written bn, so Ben Ali, Benali and Bin Ali agree.
- A final vowel a (the feminine ة, Amina, Wafae, Asmaa) is kept as a mark, so Samir and Samira,
  Jamal and Jamila stay apart.

Measured on opennrm/matching/data/name_variants.tsv by bench/name_keys_bench.py (figures in
docs/benchmarks.md).

A name yields several keys: its tokens in the order written and sorted (first and family names
swapped), and each ambiguous reading. Two spellings agree when they share a key. Keys are
never stored in clear: the database keeps keyed hashes of them (people.services)."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

# Article tokens, written apart or with a hyphen or apostrophe.
ARTICLES = frozenset({"al", "el", "ul", "il", "l", "le"})
# Words that mean "son of" (Hassaniya ould included): one spelling for all.
SON_OF = frozenset({"ben", "bin", "ibn", "ebn", "bn", "ould", "wuld", "weld", "ibnou"})
DAUGHTER_OF = frozenset({"bent", "bint", "bnt"})
# Amazigh "sons of" (Ait Taleb, آيت الطالب): part of the family name, one spelling for all, so
# that Ait Brahim is never read as Brahim.
AIT = frozenset({"ait", "ayt", "aith", "آيت", "ايت", "أيت"})
VOWELS = frozenset("aeiouy")
MAX_KEYS = 64
# Latin letters and digraphs to the skeleton alphabet (applied left to right, longest first).
DIGRAPHS = [
    ("sch", "c"),
    ("tch", "c"),
    ("ch", "c"),
    ("sh", "c"),
    ("kh", "k"),
    ("gh", "G"),
    ("th", "T"),
    ("dh", "d"),
    ("dj", "j"),
    ("ph", "f"),
    ("ck", "k"),
]
LATIN_LETTERS = {
    "b": "b",
    "p": "b",
    "t": "t",
    "d": "d",
    "j": "j",
    "g": "j",
    "h": "h",
    "r": "r",
    "z": "z",
    "s": "s",
    "f": "f",
    "v": "f",
    "q": "k",
    "k": "k",
    "l": "l",
    "m": "m",
    "n": "n",
    "w": "w",
    "x": "ks",
}
# Arabic letters to the skeleton alphabet; "" drops the letter; "?" marks و/ي readings.
ARABIC_LETTERS = {
    "ا": "",
    "أ": "",
    "إ": "",
    "آ": "",
    "ى": "",
    "ء": "",
    "ئ": "",
    "ؤ": "",
    "ع": "",
    "ب": "b",
    "ت": "t",
    "ث": "t",
    "ج": "j",
    "ح": "h",
    "خ": "k",
    "د": "d",
    "ذ": "d",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "c",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "غ": "G",
    "ف": "f",
    "ق": "k",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ة": "",
    "و": "w",
    "ي": "y",
}
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_SPLIT = re.compile(r"[^\w\u0600-\u06ff]+|_")
_TASHKEEL = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # short vowels, shadda, tatweel


def _is_arabic(token: str) -> bool:
    return bool(_ARABIC.search(token))


def _fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# N' and M' before a name (N'Diaye, M'Bow): part of the word, written with or without the mark.
_PRENASAL = re.compile(r"\b([nm])['\u2019\u2018`]\s*(?=\w)")


def tokens_of(name: str) -> list[str]:
    """Lower-case tokens without accents, Arabic diacritics or punctuation. Accents are folded
    in Latin words only: decomposing Arabic would turn إ into ا and make an article of it."""
    text = _TASHKEEL.sub("", unicodedata.normalize("NFC", name or "").lower())
    text = _PRENASAL.sub(r"\1", text)
    tokens = [t for t in _SPLIT.split(text) if t]
    return [t if _is_arabic(t) else _fold_accents(t) for t in tokens]


_DOUBLED = re.compile(r"(.)\1+")


def _collapse(skeleton: str) -> str:
    return _DOUBLED.sub(r"\1", skeleton)


def _latin_vowel(word: str, i: int, feminine: bool) -> str:
    """What a vowel letter (or y) becomes: usually nothing, sometimes a consonant."""
    char, length = word[i], len(word)
    prev = word[i - 1] if i > 0 else ""
    nxt = word[i + 1] if i + 1 < length else ""
    after = word[i + 2] if i + 2 < length else ""
    out = ""
    if char == "o" and nxt == "u":
        # Ouafae (w), Souad (a vowel before ع), Daoud: both readings
        if (after and after in VOWELS - {"u"}) or (prev and prev in VOWELS):
            out = "W"
    elif char == "u" and prev == "o":
        out = ""  # the u of "ou" went with its o
    elif char in {"i", "y"} and feminine and i == length - 1:
        out = "y"  # Nadia, Nadya, Rokia: ي before the final ة
    elif char == "y" and (i in {0, length - 1}):
        out = "y"
    elif char == "y" and prev in VOWELS and nxt == "e" and i + 2 == length:
        out = "y"  # a final -aye, -oye (Ndiaye, Mbaye, Ndoye): the y is a consonant
    elif char == "y" and prev in VOWELS and nxt in VOWELS:
        out = "Y"  # a consonant (Ayoub) or a hamza seat (Ayesha): both readings
    elif char == "i" and i == length - 1 and length > 2:
        out = "y"  # a final i (Idrissi, Mehdi, Alaoui) is the ending ي
    return out


def _latin_consonant(word: str, i: int) -> str:
    char, length = word[i], len(word)
    prev = word[i - 1] if i > 0 else ""
    nxt = word[i + 1] if i + 1 < length else ""
    if char.isupper():  # a digraph already mapped; G (gh) and T (th, read t or s) stay marked
        return char if char in {"G", "T"} else char.lower()
    if char == "c":
        return "s" if nxt in {"e", "i", "y"} else "k"
    if char == "h" and i == length - 1:
        return "H"  # Fatimah (ة) or Salah (ح): both readings
    if char == "t" and i == length - 1 and prev in VOWELS:
        return "E"  # Najat: ة read t, or a name ending in t
    return LATIN_LETTERS.get(char, "")


def _latin_skeleton(token: str) -> str:
    word = token
    for digraph, letter in DIGRAPHS:
        word = word.replace(digraph, letter.upper())
    # The final vowel a (Amina, Fatimah, Wafae, Asmaa): the feminine ة or a final alif.
    # Not in a word of one consonant (Ba and Bah are one family name, never Baa).
    ending = re.search(r"a+[eh]?$", word)
    feminine = ending is not None and len(word) > 2 and ending.start() >= 2
    ends_ah = word.endswith("ah")
    if feminine:
        word = re.sub(r"a+[eh]?$", "", word)
    out = [
        _latin_vowel(word, i, feminine) if char in VOWELS else _latin_consonant(word, i)
        for i, char in enumerate(word)
    ]
    if feminine:
        if out and out[-1] in {"i", "Y"}:
            out[-1] = "y"
        # -ah: the feminine ة (Fatimah) or a final ه/ح (Abdelilah, Salah).
        out.append("F" if ends_ah else "A")
    return _collapse("".join(out))


# Ambiguous letters and their readings.
AMBIGUOUS = {
    "Y": ("y", ""),
    "W": ("w", ""),
    "H": ("h", ""),
    "E": ("t", "A"),
    "T": ("t", "s"),
    "F": ("A", "h"),
}


def _expand(skeleton: str) -> set[str]:
    """Every reading of a skeleton with ambiguous letters (at most MAX_KEYS)."""
    options = [AMBIGUOUS.get(char, (char,)) for char in skeleton]
    readings = itertools.islice(itertools.product(*options), MAX_KEYS)
    return {_collapse("".join(r)) for r in readings}


# "Servant of God" written without the L of Allah, or in West-African spelling.
ABD_ALLAH = frozenset({"abdoulaye", "abdoulay", "abdulai", "abdulahi", "abdullahi"})
# Muhammad abbreviated (Md., Mohd.: South Asia): read as Muhammad only.
MUHAMMAD_SHORT = frozenset({"md", "mohd", "muhd", "mhd"})
# West African forms of Arabic names, read as themselves and as the Arabic name (Mamadou is
# Muhammad and Mamudu; Ibrahima, a man's name, is Ibrahim, not a feminine form).
WEST_AFRICAN_FORMS = {"mamadou": "muhammad", "ibrahima": "ibrahim", "ismaila": "ismail"}
# The same West African or South Asian name written by a French and by an English hand (Diallo
# and Jallow, Ndiaye and Njie, Thiam and Cham, Touré and Turay, Diop and Jobe) or through
# different romanisations (Chowdhury and Chaudhry). A word is also read as the other
# orthography writes it, and both readings are kept.
OTHER_ORTHOGRAPHY = [
    (re.compile(r"d[iy](?=[aeou].)"), "j"),  # Diallo -> Jallo, Ndiaye -> Njaye, Diop -> Jop
    (re.compile(r"th?[iy](?=[aeou].)"), "ch"),  # Thiam, Tyam -> Cham
    # Wolof and Fula national orthography: c is ch, a long vowel is doubled (Caam: Thiam).
    (re.compile(r"^c(?=([aeiou])\1)"), "ch"),
    (re.compile(r"(?<=[aeiou])w(?=[^aeiouy])"), ""),  # Chowdhury -> Chodhury
    (re.compile(r"(?<=[aeiou])w$"), "o"),  # Jallow -> Jalloo, Ndaw -> Ndao
    (re.compile(r"(?<=[^aeiou])a+[iy]$"), "e"),  # Turay -> Ture as Touré, Njai -> Nje
    (re.compile(r"a+ye$"), "ie"),  # Ndiaye -> Njie
    (re.compile(r"(?<=[^aeiou])et$"), "ed"),  # Turkish spelling: Ahmet, Mehmet -> Ahmed
]


def _other_orthography(token: str) -> str:
    for pattern, replacement in OTHER_ORTHOGRAPHY:
        token = pattern.sub(replacement, token)
    return token


@functools.lru_cache(maxsize=100_000)
def _arabic_readings(token: str) -> list[str]:
    """Skeletons of an Arabic word: و and ي inside a word read as consonant or as vowel."""
    readings: set[str] = set()
    for word in _arabic_article_forms(token):
        readings |= _arabic_word_readings(word)
    return sorted(readings)


def _arabic_article_forms(token: str) -> list[str]:
    """A word starting with ال: the article (dropped) or part of the name (الحسن, Lahcen)."""
    if token.startswith("ال") and len(token) > 3:
        return [token[2:], "ل" + token[2:]]
    return [token]


def _arabic_word_readings(word: str) -> set[str]:
    # A final ة, alif, alif maqsura or alif-hamza: the name ends in a vowel a (marked A).
    feminine = re.search(r"(?:ة|ا|ى|اء|ئة|اة)$", word) is not None and len(word) > 2
    if feminine:
        word = re.sub(r"(?:ة|ا|ى|اء|ئة|اة)$", "", word)
    letters = list(word)
    options: list[list[str]] = []
    last = len(letters) - 1
    for i, letter in enumerate(letters):
        mapped = ARABIC_LETTERS.get(letter)
        if mapped is None:
            continue
        if letter == "ه" and i == last:
            options.append(["h", ""])
        elif letter == "ث":
            options.append(["t", "s"])
        elif letter in {"و", "ي"} and i != 0 and not (letter == "ي" and i == last and not feminine):
            options.append([mapped, ""])
        else:
            options.append([mapped])
    if feminine:
        options.append(["A"])
    choices = itertools.islice(itertools.product(*options), MAX_KEYS)
    return {_collapse("".join(choice)) for choice in choices}


def _latin_readings(tokens: list[str], index: int) -> list[str]:
    # A word reads alike wherever it stands, but for what follows it and whether Abd precedes.
    after_abd = index > 0 and tokens[index - 1].startswith("abd")
    return _latin_token_readings(tokens[index], index + 1 < len(tokens), after_abd)


@functools.lru_cache(maxsize=100_000)
def _latin_token_readings(token: str, followed: bool, after_abd: bool) -> list[str]:
    readings = _expand(_latin_skeleton(token))
    other = _other_orthography(token)
    if other != token:
        readings |= _expand(_latin_skeleton(other))
    if token in ABD_ALLAH:
        readings = {"bdl"}
    elif token in MUHAMMAD_SHORT:
        readings = set(_latin_token_readings("muhammad", followed, after_abd))
    elif token in WEST_AFRICAN_FORMS:
        readings |= set(_latin_token_readings(WEST_AFRICAN_FORMS[token], followed, after_abd))
    elif re.fullmatch(r"abd(?:[aeiou]+l)?", token) and followed:
        readings = {"bd"}  # abd, abdel, abdul, abdoul: the article of the next word
    elif token in {"allah", "llah", "lah"} and after_abd:
        readings = {"l"}
    elif token.startswith("abd") and len(token) > 4:
        # abdel-, abdul-, abdoul-, abdal- written on: the article inside "servant of the ...".
        rest = re.sub(r"^abd[aeiou]*l(?=[a-z])", "", token)
        if re.fullmatch(r"l?l?ah?|aye?", rest):
            readings = {"bdl"}  # Abdallah, Abdellah, Abdulah: the servant of Allah
        elif rest != token:
            rest_skeleton = _latin_skeleton(rest)
            # Nothing left (Abdulah): the servant of Allah, whose L went with the article.
            readings = set()
            for r in _expand(rest_skeleton):
                readings.add("bd" + (r or "l"))
                readings.add(_collapse("bdl" + r))  # Abdelatif: one L for article and name
    elif re.match(r"^[ae]l[a-z]{3,}", token):
        # Elidrissi, Alfassi: maybe an article written on to the name, maybe not (Alaoui).
        readings |= _expand(_latin_skeleton(token[2:]))
    return sorted(readings)


def _token_readings(tokens: list[str]) -> list[list[str]]:
    """For each meaningful token, its possible skeletons (articles dropped)."""
    out: list[list[str]] = []
    for index, token in enumerate(tokens):
        if token in ARTICLES:
            continue
        if token in SON_OF:
            out.append(["bn"])
        elif token in AIT:
            out.append(["yt"])
        elif token in DAUGHTER_OF:
            out.append(["bnt"])
        elif _is_arabic(token):
            if token in {"بن", "ابن", "ولد"}:
                out.append(["bn"])
            elif token in {"بنت"}:
                out.append(["bnt"])
            elif token in {"الله", "لله"}:
                out.append(["l"])
            else:
                out.append(_arabic_readings(token))
        else:
            out.append(_latin_readings(tokens, index))
    return [r for r in out if any(r)]


def name_keys(name: str) -> set[str]:
    """The keys of a name (given, family or both, in either script)."""
    return set(_cached_keys(name))


@functools.lru_cache(maxsize=200_000)
def _cached_keys(name: str) -> frozenset[str]:
    # Names repeat a great deal in any population: each distinct spelling is worked out once.
    return frozenset(_name_keys(name))


def _name_keys(name: str) -> set[str]:
    readings = _token_readings(tokens_of(name))
    if not readings:
        return set()
    keys: set[str] = set()
    for combination in itertools.islice(itertools.product(*readings), MAX_KEYS):
        parts = [p for p in combination if p]
        if not parts:
            continue
        for joined in ("".join(parts), "".join(sorted(parts))):
            keys.add(_collapse(joined))
            # Fatima Zahra written Fatimazahra: the vowel ending a word inside a name goes.
            keys.add(_collapse(joined[:-1].replace("A", "") + joined[-1]))
    return {k for k in keys if k}


def names_agree(first: str, second: str) -> bool:
    return bool(name_keys(first) & name_keys(second))

"""Tests for newskg.ingest: files and folders into Article records."""

from __future__ import annotations

from pathlib import Path

import pytest

from newskg.errors import InputError
from newskg.ingest import SUPPORTED_SUFFIXES, discover, iter_articles, read_file
from newskg.model import Article

DATA = Path(__file__).parent / "data" / "ingest"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def only(path: Path) -> Article | InputError:
    (item,) = read_file(path)
    return item


def only_article(path: Path) -> Article:
    item = only(path)
    assert isinstance(item, Article), item
    return item


def only_error(path: Path) -> InputError:
    item = only(path)
    assert isinstance(item, InputError), item
    return item


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".csv"} == SUPPORTED_SUFFIXES


# --- .txt -------------------------------------------------------------------------------


def test_txt_with_headline(tmp_path: Path) -> None:
    text = "Kobach defends voter data request\n\nKris Kobach said on Monday.\n"
    path = write(tmp_path / "000_37f6897af02eb592.txt", text)
    assert only(path) == Article(
        id="000_37f6897af02eb592.txt",
        text=text,
        title="Kobach defends voter data request",
        source=str(path),
    )


@pytest.mark.parametrize(
    "first_line",
    [
        "A new report said 44 states refused",  # fine as a headline, but no blank line after
        "Kris Kobach said the commission would keep the data secure.",
        "Will the states comply?",
        "Refuse!",
        'He said, "no"',
        "He said, “no”",
        "The states said:",
        " ".join(["word"] * 26),
    ],
)
def test_txt_first_line_that_is_not_a_headline(tmp_path: Path, first_line: str) -> None:
    separator = "\n" if first_line.startswith("A new report") else "\n\n"
    text = first_line + separator + "More text follows here.\n"
    article = only_article(write(tmp_path / "a.txt", text))
    assert article.title is None
    assert article.text == text


def test_txt_headline_of_25_words_is_accepted(tmp_path: Path) -> None:
    headline = " ".join(["word"] * 25)
    assert only_article(write(tmp_path / "a.txt", f"{headline}\n\nBody.")).title == headline


def test_txt_headline_may_be_followed_by_whitespace_only_line(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "a.txt", "Headline here  \n   \nBody."))
    assert article.title == "Headline here"


def test_seed_article_first_paragraph_is_not_a_headline() -> None:
    seed = Path(__file__).parents[1] / "seeds" / "000_37f6897af02eb592.txt"
    if not seed.exists():
        pytest.skip("seed article not present")
    article = only_article(seed)
    assert article.id == "000_37f6897af02eb592.txt"
    assert article.title is None
    assert article.text.startswith("A new report said the number of States")


def test_text_is_normalized_but_otherwise_kept(tmp_path: Path) -> None:
    # BOM stripped, CRLF and CR become LF, decomposed "é" becomes one code point.
    raw = "\ufeffCafe\u0301 owner sues\r\n\r\nLine one.\rLine two.  \n".encode()
    article = only_article(write(tmp_path / "a.txt", raw))
    assert article.text == "Caf\u00e9 owner sues\n\nLine one.\nLine two.  \n"
    assert article.title == "Caf\u00e9 owner sues"


# --- .md --------------------------------------------------------------------------------


def test_markdown_with_front_matter() -> None:
    path = DATA / "front_matter.md"
    assert only(path) == Article(
        id="front_matter.md",
        text=(
            "States push back\n"
            "\n"
            "Officials in 44 states refused the commission's request.\n"
            "\n"
            "Kansas said it would provide public data only.\n"
            "Maine said no.\n"
        ),
        title="States push back on voter data request",
        date="2017-07-05",
        url="https://example.com/md",
        publisher="Example News",
        source=str(path),
    )


def test_markdown_heading_is_headline_without_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "a.markdown", "\n# Kobach *defends* request #\n\n## Background\nText.")
    assert only(path) == Article(
        id="a.markdown",
        text="Kobach defends request\n\nBackground\nText.",
        title="Kobach defends request",
        source=str(path),
    )


def test_markdown_without_heading_has_no_title(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "a.md", "Plain *first* paragraph.\n\n## Later\n"))
    assert article.title is None
    assert article.text == "Plain first paragraph.\n\nLater\n"


def test_markdown_keeps_snake_case_and_lone_markers(tmp_path: Path) -> None:
    text = "The voter_data_file has 5 * 3 rows - or _more.\n\n* * *\n\nEnd.\n"
    article = only_article(write(tmp_path / "a.md", text))
    assert article.text == "The voter_data_file has 5 * 3 rows - or _more.\n\n\n\nEnd.\n"


def test_markdown_unclosed_front_matter_is_a_rule(tmp_path: Path) -> None:
    article = only_article(write(tmp_path / "a.md", "---\ntitle: not metadata\n"))
    assert (article.text, article.title) == ("\ntitle: not metadata\n", None)


def test_markdown_with_only_front_matter_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\ntitle: Nothing here\n---\n\n")
    err = only_error(path)
    assert str(err).startswith(f"{path}: has no article text; ")


# --- .html ------------------------------------------------------------------------------


def test_html_main_text_without_boilerplate() -> None:
    path = DATA / "kobach_commission.html"
    article = only_article(path)
    assert article.id == "kobach_commission.html"
    assert article.source == str(path)
    assert article.title == "States refuse Kobach commission's voter data request"
    assert article.date == "2017-07-05"
    assert article.url == "https://plainsledger.example/politics/states-refuse-voter-data"
    assert article.publisher == "Plains Ledger"
    for sentence in (
        "Officials in 44 states have refused to hand over some of the voter data requested by"
        " the Presidential Advisory Commission on Election Integrity, a new survey found on"
        " Wednesday.",
        "Kris Kobach, the vice chair of the commission and the Kansas secretary of state, said",
        "The commission was created by President Donald Trump in May",
    ):
        assert sentence in article.text
    for boilerplate in ("Copyright", "All rights reserved", "Privacy policy", "Subscribe"):
        assert boilerplate not in article.text


def test_html_without_article_text_is_an_error(tmp_path: Path) -> None:
    html = "<html><head><title>Gallery</title></head><body><script>x=1</script><img src=a.png>"
    path = write(tmp_path / "gallery.htm", html + "</body></html>")
    err = only_error(path)
    assert err.line is None
    assert str(err).startswith(f"{path}: no article text was found in the HTML; ")


# --- .jsonl -----------------------------------------------------------------------------


def test_jsonl_records() -> None:
    path = DATA / "corpus.jsonl"
    assert list(read_file(path)) == [
        Article(
            id="a1",
            text="Kris Kobach defended the request on Monday.",
            title="Kobach defends request",
            date="2017-07-03",
            url="https://example.com/a1",
            publisher="Example News",
            source=f"{path}:1",
        ),
        Article(id="a2", text="Maine refused the request.", date="2017-07-04", source=f"{path}:3"),
    ]


def test_jsonl_bad_records_in_the_middle(tmp_path: Path) -> None:
    lines = [
        '{"id": "a1", "text": "First."}',
        '{"id": "a2", "text": "Broken.}',
        '{"id": "a3", "title": "No text"}',
        '{"text": "No id."}',
        '["not", "an", "object"]',
        '{"id": 7, "text": "Numeric id.", "date": "not a date"}',
        '{"id": "a8", "text": "   "}',
        '{"id": "a9", "text": "Title is a number.", "title": 9}',
        '{"id": "a10", "text": "Last."}',
    ]
    path = write(tmp_path / "c.jsonl", "\n".join(lines) + "\n")
    items = list(read_file(path))
    assert [item.id for item in items if isinstance(item, Article)] == ["a1", "7", "a10"]
    errors = {item.line or 0: str(item) for item in items if isinstance(item, InputError)}
    assert sorted(errors) == [2, 3, 4, 5, 7, 8]
    assert errors[2].startswith(f"{path}:2: is not valid JSON (")
    assert errors[3].startswith(f"{path}:3: the record has no 'text'; ")
    assert errors[4].startswith(f"{path}:4: the record has no 'id'; ")
    assert errors[5].startswith(f"{path}:5: holds a JSON list, not an object; ")
    assert errors[7].startswith(f"{path}:7: the record's 'text' is empty; ")
    assert errors[8].startswith(f"{path}:8: the record's 'title' is not a string; ")
    numeric = items[5]
    assert isinstance(numeric, Article)
    assert (numeric.date, numeric.source) == (None, f"{path}:6")


# --- .csv -------------------------------------------------------------------------------


def test_csv_records() -> None:
    path = DATA / "corpus.csv"
    assert list(read_file(path)) == [
        Article(
            id="c1",
            text="Kris Kobach defended the request.\n\nHe spoke on Monday.",
            title="Kobach defends request",
            date="2017-07-03",
            url="https://example.com/c1",
            publisher="Example News",
            source=f"{path}:2",
        ),
        Article(id="c2", text="Maine refused the request.", source=f"{path}:5"),
    ]


def test_csv_bad_row_in_the_middle(tmp_path: Path) -> None:
    content = (
        'id,text\r\nr1,"Quoted\r\nnewline."\r\nr2,Too,many,fields\r\n\r\n,No id.\r\nr4,Last.\r\n'
    )
    path = write(tmp_path / "c.csv", content)
    items = list(read_file(path))
    assert items[0] == Article(id="r1", text="Quoted\nnewline.", source=f"{path}:2")
    assert items[3] == Article(id="r4", text="Last.", source=f"{path}:7")
    assert isinstance(items[1], InputError)
    assert items[1].line == 4
    assert str(items[1]).startswith(f"{path}:4: the row has 4 fields but the header has 2; ")
    assert isinstance(items[2], InputError)
    assert str(items[2]).startswith(f"{path}:6: the record has no 'id'; ")


def test_csv_oversized_field_is_an_error_for_that_row_only(tmp_path: Path) -> None:
    content = f"id,text\nr1,First.\nr2,{'x' * 200_000}\nr3,Last.\n"
    items = list(read_file(write(tmp_path / "c.csv", content)))
    assert [item.id for item in items if isinstance(item, Article)] == ["r1", "r3"]
    assert isinstance(items[1], InputError)
    assert (items[1].line, items[1].problem) == (
        3,
        "is not valid CSV (field larger than field limit (131072))",
    )


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = write(tmp_path / "c.csv", "id,body\nr1,Hello.\n")
    err = only_error(path)
    assert err.line == 1
    assert str(err).startswith(f"{path}:1: the header row has no 'text' column; ")


# --- whole-file problems ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.jsonl", "a.csv"])
@pytest.mark.parametrize("content", [b"", b"  \n\t\n", b"\xef\xbb\xbf\n"])
def test_empty_file(tmp_path: Path, name: str, content: bytes) -> None:
    path = write(tmp_path / name, content)
    err = only_error(path)
    assert err.line is None
    assert str(err) == f"{path}: is empty; add the article text or remove the file"


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert str(only_error(path)).startswith(f"{path}: looks like a binary file")


def test_utf16_file(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Hello.".encode("utf-16"))
    assert "iconv -f utf-16 -t utf-8" in str(only_error(path))


def test_latin1_file(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "First line.\nCaf\u00e9 owner.\n".encode("latin-1"))
    err = only_error(path)
    assert err.problem == "is not valid UTF-8 (byte 0xe9 at offset 15, line 2)"
    assert "iconv -f latin1 -t utf-8" in err.fix
    assert str(err) == f"{path}: {err.problem}; {err.fix}"


def test_latin1_file_after_bom_reports_file_offset(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbfAb\xe9")
    assert only_error(path).problem == "is not valid UTF-8 (byte 0xe9 at offset 5, line 1)"


def test_read_file_unsupported_suffix(tmp_path: Path) -> None:
    path = write(tmp_path / "a.pdf", "x")
    assert "unsupported file type '.pdf'" in str(only_error(path))


# --- discover ---------------------------------------------------------------------------


def test_discover_recurses_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.md",
        "sub/z.csv",
        "sub/deeper/y.HTML",
        "a-b.jsonl",
        "notes.pdf",
        ".hidden.txt",
        ".git/x.txt",
        "sub/.cache/y.txt",
    ]:
        write(tmp_path / name, "Text.")
    found = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a-b.jsonl",
        "a.md",
        "b.txt",
        "sub/deeper/y.HTML",
        "sub/z.csv",
    ]


def test_discover_keeps_argument_order_and_lists_a_file_once(tmp_path: Path) -> None:
    second = write(tmp_path / "dir" / "b.txt", "B.")
    first = write(tmp_path / "dir" / "a.txt", "A.")
    lone = write(tmp_path / ".explicit.md", "Named explicitly, so read.")
    assert discover([str(lone), second, tmp_path / "dir"]) == [lone, second, first]


def test_discover_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(InputError) as info:
        discover([missing])
    assert str(info.value) == f"{missing}: no such file or folder; check the path"


def test_discover_unsupported_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "report.docx", "x")
    with pytest.raises(InputError) as info:
        discover([path])
    message = str(info.value)
    assert message.startswith(f"{path}: unsupported file type '.docx'; ")
    for suffix in sorted(SUPPORTED_SUFFIXES):
        assert suffix in message


# --- iter_articles ----------------------------------------------------------------------


def test_iter_articles_goes_on_after_errors(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Article A.")
    write(tmp_path / "b.txt", b"\x00\x01")
    write(tmp_path / "c.txt", "Article C.")
    items = list(iter_articles([tmp_path]))
    assert [type(item).__name__ for item in items] == ["Article", "InputError", "Article"]


def test_iter_articles_duplicate_ids(tmp_path: Path) -> None:
    first = write(tmp_path / "one" / "same.txt", "First.")
    second = write(tmp_path / "two" / "same.txt", "Second.")
    corpus = write(
        tmp_path / "three" / "c.jsonl",
        '{"id": "x", "text": "X."}\n{"id": "x", "text": "Again."}\n{"id": "same.txt", "text": "."}',
    )
    items = list(iter_articles([tmp_path]))
    assert [a.id for a in items if isinstance(a, Article)] == ["same.txt", "x"]
    errors = [e for e in items if isinstance(e, InputError)]
    assert [(e.path, e.line) for e in errors] == [
        (str(corpus), 2),
        (str(corpus), 3),
        (str(second), None),
    ]
    assert str(errors[0]) == (
        f"{corpus}:2: article id 'x' was already used by {corpus}:1; "
        "rename one of them so that every article id is unique"
    )
    assert f"already used by {first}; " in str(errors[2])


def test_iter_articles_missing_path_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Some text.", encoding="utf-8")
    items = list(iter_articles([tmp_path / "missing.txt", good]))
    assert isinstance(items[0], InputError)
    assert str(items[0]) == f"{tmp_path / 'missing.txt'}: no such file or folder; check the path"
    assert [a.id for a in items[1:] if isinstance(a, Article)] == ["good.txt"]


def test_importing_newskg_ingest_does_not_import_trafilatura() -> None:
    import subprocess
    import sys

    code = "import sys, newskg.ingest; print('trafilatura' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"

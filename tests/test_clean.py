"""The clean stage: line breaks and spaces normalised, scraped noise dropped, content kept."""
from sitrep.input.clean import clean, clean_text, is_noise_line
from sitrep.model import Document

BODY = "Taliban militants killed at least 20 Afghan soldiers, officials said on Wednesday."


def test_line_separators_and_spaces():
    text = ("Title line here\u2028\u2028KABUL,\u00a0Afghanistan (Jan. 25, 2013)\r\n"
            "First\u00a0 sentence.\u2029Second  sentence.\r\n\r\n\r\n\r\nThird.")
    assert clean_text(text) == ("Title line here\n\nKABUL, Afghanistan (Jan. 25, 2013)\n"
                                "First sentence.\nSecond sentence.\n\nThird.")


def test_page_breaks_in_a_plain_text():
    # the vertical tab and the form feed are ASCII: a text with nothing beyond ASCII has them replaced too
    assert clean_text("First sentence.\x0cSecond sentence.\x0bThird.") == "First sentence.\nSecond sentence.\nThird."


def test_quotes_and_invisible_characters():
    assert clean_text("the governor\u2019s spokesman \u201cvery good\u201d\u200b, it\u00b4s") == \
        "the governor's spokesman \"very good\", it's"


def test_share_widget_after_a_page_date():
    # seed 001 opens with " date 2020-03-05 Share:" - the date stays for the published stage
    assert clean_text(f" date 2020-03-05 Share:\n\nKUNDUZ - {BODY}") == f"date 2020-03-05\n\nKUNDUZ - {BODY}"


def test_share_widgets():
    text = f"Share this article\n\nFacebook Twitter WhatsApp Email\n\n{BODY}\n\nShare\nShare on Facebook\nPrint"
    assert clean_text(text) == BODY


def test_teaser_lines():
    text = (f"{BODY}\n\nMore news: Barcelona star Lionel Messi retains hope of Newell's Old Boys chance\n\n"
            "Read more: Kabul blast kills 12\nAlso read: Taliban talks resume\nRelated: Ghani speaks\n\n"
            "Special forces rushed to the scene.")
    assert clean_text(text) == f"{BODY}\n\nSpecial forces rushed to the scene."


def test_duplicated_title_is_kept_once():
    title = "Fifty Afghan Taliban leaders killed in rocket strike, U.S. military says"
    assert clean_text(f"{title}\n\n{title}\n\n{BODY}") == f"{title}\n\n{BODY}"
    assert clean_text(f"{title}\n{title}\n{BODY}") == f"{title}\n{BODY}"


def test_stray_tokens():
    text = f"Afghan Forces Step Up Anti-IS Offensive after Deadly Attack\n\nW300\n\n{BODY}"
    assert clean_text(text) == f"Afghan Forces Step Up Anti-IS Offensive after Deadly Attack\n\n{BODY}"
    assert clean_text(f"[leader/facilitator]\n\n{BODY}\n----\n1314,1198, 1173, 1341") == BODY


def test_a_long_editors_note_in_brackets_goes():
    note = ("[N.B. this is similar to another incident that took place in Paktika on the same day... why "
            "were they calling in two airstrikes on buildings as force protection in one night? Compare both.]")
    assert len(note) > 160
    assert clean_text(f"{note}\n\n{BODY}") == BODY
    assert clean_text(f"{BODY} [a remark inside a sentence]") == f"{BODY} [a remark inside a sentence]"


def test_press_release_header():
    raw = ("ISAF Joint Command Operational Update, Jan. 10, 2011\nISAF Joint Command - Afghanistan"
           "\u20282011-01-S-115\u20281314,1198, 1173, 1341\u2028For Immediate Release\u2028Download PDF"
           "\u2028\u00a0\u2028KABUL, Afghanistan (Jan. 10, 2011) \u2013 Coalition forces killed two insurgents.")
    assert clean_text(raw) == (
        "ISAF Joint Command Operational Update, Jan. 10, 2011\nISAF Joint Command - Afghanistan\n"
        "2011-01-S-115\n\nKABUL, Afghanistan (Jan. 10, 2011) \u2013 Coalition forces killed two insurgents.")
    # the label inside a line: the release number and the dateline stay, on their own lines
    assert clean_text("2010-09-CA-005 For Immediate Release\nDownload PDF  KABUL, Afghanistan (Sept. 1) - "
                      "A force detained insurgents.") == \
        "2010-09-CA-005\n\nKABUL, Afghanistan (Sept. 1) - A force detained insurgents."
    assert clean_text("NEWS RELEASE\nISAF Joint Command - Afghanistan") == "ISAF Joint Command - Afghanistan"


def test_content_is_not_noise():
    for line in [BODY, "Sangin/Helmand", "US-Taliban talks", "KABUL, Afghanistan (Feb. 07)",
                 "2012-04-S-053", "date 2020-03-05", "The share of the vote: 40 percent, officials said.",
                 "Watch the skies, he said.", "Home to 2 million people, Kandahar was attacked."]:
        assert not is_noise_line(line), line
        assert clean_text(line) == line


def test_stage_keeps_the_raw_text():
    doc = clean(Document("d", "Title words here\n\nW300\n\nBody text."))
    assert doc.text == "Title words here\n\nBody text."
    assert doc.raw_text == "Title words here\n\nW300\n\nBody text."


def test_empty_and_blank():
    assert clean_text("") == ""
    assert clean_text(" \n\n \u2028 ") == ""

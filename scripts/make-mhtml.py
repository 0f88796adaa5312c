#!/usr/bin/env python3
"""Save web pages as one file (MHTML) the way a user does in Chrome or Edge (另存为“网页，单个文件”),
for the tests of gouji's MHTML reader (tests/containers.rs).

    scripts/make-mhtml.py OUTDIR

Needs headless Chromium (apt-get install chromium); only Python's standard library otherwise.
Each page is opened in Chromium and saved with the DevTools `Page.captureSnapshot` command
(what "Save page as… single file" calls), over `--remote-debugging-pipe`, so no network port is
opened and nothing is fetched but the local files. Writes to OUTDIR:

- report-2023.mhtml, report-2023-mixed-header.mhtml, report-2023-broken.mhtml: the committed GBK
  pages (tests/fixtures/containers/, examples/) as Chromium saves them: one quoted-printable
  `text/html` part holding the page's GBK bytes, its charset only in the page's `<meta>`;
- report-2023-utf8.mhtml: report-2023.html turned into UTF-8 first (`=E4=B8=80` escapes);
- report-2023-framed.mhtml: a page holding report-2023.html in an `<iframe src>`: Chromium saves
  the frame as a part of its own, `<iframe src="cid:frame-…@mhtml.blink">`;
- report-2023-base64.mhtml: report-2023.mhtml with its page part written in base64 instead, by
  Python's `email` package;
- report-2023-gbk-part-charset.mht: the page of report-2023.mhtml without its `<meta>` charset,
  as a quoted-printable part whose only charset is its header's (`charset="gbk"`), as Internet
  Explorer wrote .mht files, by Python's `email` package.
"""
import email
import email.charset
import email.encoders
import email.generator
import email.mime.multipart
import email.mime.text
import email.policy
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def capture(path):
    """The MHTML Chromium saves for the local page `path`."""
    to_chrome_r, to_chrome_w = os.pipe()
    from_chrome_r, from_chrome_w = os.pipe()

    def fds():
        os.dup2(to_chrome_r, 3)
        os.dup2(from_chrome_w, 4)

    profile = tempfile.mkdtemp(prefix="gouji-chromium-")
    proc = subprocess.Popen(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--remote-debugging-pipe",
            "--user-data-dir=" + profile,
            "about:blank",
        ],
        pass_fds=(3, 4),
        preexec_fn=fds,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(to_chrome_r)
    os.close(from_chrome_w)
    send = os.fdopen(to_chrome_w, "wb")
    recv = os.fdopen(from_chrome_r, "rb")
    state = {"id": 0, "buf": b""}

    def call(method, params=None, session=None):
        state["id"] += 1
        msg = {"id": state["id"], "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        send.write(json.dumps(msg).encode() + b"\0")
        send.flush()
        while True:
            while b"\0" not in state["buf"]:
                chunk = recv.read1(65536)
                if not chunk:
                    raise SystemExit("chromium closed the pipe")
                state["buf"] += chunk
            raw, state["buf"] = state["buf"].split(b"\0", 1)
            m = json.loads(raw)
            if m.get("id") == state["id"]:
                if "error" in m:
                    raise SystemExit(f"{method}: {m['error']}")
                return m["result"]

    try:
        target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        call("Page.enable", session=session)
        call("Page.navigate", {"url": "file://" + path}, session=session)
        # Wait until the page (and its frames) have loaded.
        for _ in range(100):
            ready = call(
                "Runtime.evaluate",
                {"expression": "document.readyState"},
                session=session,
            )["result"]["value"]
            if ready == "complete":
                break
            time.sleep(0.1)
        time.sleep(0.5)
        data = call("Page.captureSnapshot", {"format": "mhtml"}, session=session)["data"]
        call("Browser.close")
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)
    return data


def write(path, text):
    # As Chromium gives it: CRLF line ends, ASCII only (everything else is escaped).
    with open(path, "w", encoding="ascii", newline="") as f:
        f.write(text)


def page_part(mhtml):
    """The message and its first text/html part."""
    msg = email.message_from_string(mhtml, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            return msg, part
    raise SystemExit("no text/html part")


def as_bytes(msg):
    buf = io.BytesIO()
    email.generator.BytesGenerator(buf, mangle_from_=False, policy=email.policy.compat32.clone(linesep="\r\n")).flatten(msg)
    return buf.getvalue()


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    src = tempfile.mkdtemp(prefix="gouji-saved-pages-")
    pages = {
        "report-2023": os.path.join(ROOT, "tests/fixtures/containers/report-2023.html"),
        "report-2023-mixed-header": os.path.join(
            ROOT, "tests/fixtures/containers/report-2023-mixed-header.html"
        ),
        "report-2023-broken": os.path.join(ROOT, "examples/report-2023-broken.html"),
    }
    for name, path in pages.items():
        shutil.copy(path, os.path.join(src, name + ".html"))
    # The seed page in UTF-8.
    with open(pages["report-2023"], "rb") as f:
        utf8 = f.read().decode("gb18030").replace("charset=gbk", "charset=utf-8")
    with open(os.path.join(src, "report-2023-utf8.html"), "w", encoding="utf-8") as f:
        f.write(utf8)
    # A page holding the seed page in a frame.
    with open(os.path.join(src, "report-2023-framed.html"), "w", encoding="utf-8") as f:
        f.write(
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开</title></head>'
            '<body><nav><a href="/">首页</a></nav>\n<div class="article">\n'
            '<iframe src="report-2023.html" width="900" height="600"></iframe>\n'
            "</div>\n<div class=\"footer\">主办单位：示例市青禾区文化和旅游局</div></body></html>\n"
        )
    saved = {}
    for name in [
        "report-2023",
        "report-2023-mixed-header",
        "report-2023-broken",
        "report-2023-utf8",
        "report-2023-framed",
    ]:
        saved[name] = capture(os.path.join(src, name + ".html"))
        write(os.path.join(out, name + ".mhtml"), saved[name])

    # The page part in base64, the rest as Chromium wrote it.
    msg, part = page_part(saved["report-2023"])
    body = part.get_payload(decode=True)
    del part["Content-Transfer-Encoding"]
    part.set_payload(body)
    email.encoders.encode_base64(part)
    with open(os.path.join(out, "report-2023-base64.mhtml"), "wb") as f:
        f.write(as_bytes(msg))

    # The page without its own charset, in a part that names it, as IE saved .mht files.
    page = body.decode("gb18030")
    page = page.replace(
        '<meta http-equiv="Content-Type" content="text/html; charset=GBK">', ""
    ).replace('<meta http-equiv="Content-Type" content="text/html; charset=gbk">', "")
    if "charset" in page.lower():
        raise SystemExit("the page still declares its charset")
    related = email.mime.multipart.MIMEMultipart("related", type="text/html")
    related["From"] = "<Saved by Windows Internet Explorer 11>"
    related["Subject"] = "report-2023"
    gbk = email.charset.Charset("gbk")
    gbk.body_encoding = email.charset.QP
    html_part = email.mime.text.MIMEText(page, "html", gbk)
    html_part["Content-Location"] = "http://www.example.gov.cn/xxgk/report-2023.html"
    related.attach(html_part)
    with open(os.path.join(out, "report-2023-gbk-part-charset.mht"), "wb") as f:
        f.write(as_bytes(related))
    shutil.rmtree(src, ignore_errors=True)


if __name__ == "__main__":
    main()

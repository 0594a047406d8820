"""Build demo/warc/reports.warc.gz: two fictional news pages as HTML response records.

FICTIONAL DEMO DATA — the outlets, people and events in these pages are invented for eventdesk's
demo corpus. The file is written deterministically (fixed WARC-Date, record ids and HTTP dates;
gzip members carry no timestamp), so running this script again gives identical bytes:

    .venv/bin/python demo/build_warc.py

warcio (a dev dependency) writes the records; eventdesk reads them back with fastwarc.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUTPUT = Path(__file__).resolve().parent / "warc" / "reports.warc.gz"
WARCINFO_ID = "<urn:uuid:6d656d6f-0000-4000-8000-000000000000>"

GAO_LEDGER_URL = "https://westafricaledger.example/mali/2026/03/04/gao-displaced-sevare"
GAO_LEDGER_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>In Sévaré, the families who fled Gao wait for news | West Africa Ledger</title>
<meta name="description" content="FICTIONAL DEMO REPORT — not a real event. Invented report written for the eventdesk demo corpus.">
<meta name="eventdesk:fictional" content="true">
<meta property="og:site_name" content="West Africa Ledger">
<meta property="og:title" content="In Sévaré, the families who fled Gao wait for news">
<link rel="canonical" href="https://westafricaledger.example/mali/2026/03/04/gao-displaced-sevare">
<meta property="article:published_time" content="2026-03-04T18:30:00Z">
<meta name="author" content="Boubacar Dembélé-Sow">
</head>
<body>
<header><a href="/">West Africa Ledger</a>
<nav><a href="/mali">Mali</a> <a href="/niger">Niger</a> <a href="/burkina-faso">Burkina Faso</a> <a href="/podcasts">Podcasts</a></nav>
</header>
<main>
<article>
<h1>In Sévaré, the families who fled Gao wait for news</h1>
<p class="byline">By Boubacar Dembélé-Sow in Sévaré · <time datetime="2026-03-04T18:30:00Z">4 March 2026</time></p>
<p><em>FICTIONAL DEMO REPORT — not a real event. The people, groups and events are invented for the eventdesk demo corpus.</em></p>
<p>Between 30,000 and 40,000 people have fled Gao since Saturday, relief workers estimate, and the first of them began arriving in Sévaré this week after two days on the road.</p>
<p>Adama Coulibaly-Tessougué, a teacher from the Hamadia Bango quarter, reached the town's transit camp on Tuesday night with his wife and four children. He said the family had left after shells hit the street behind their house on Monday night. “We counted the explosions until we could not count any more,” the teacher said. “In the morning there were three houses missing on our street.”</p>
<p>Coulibaly-Tessougué said that a neighbour and her two daughters were among the dead. Health workers in Gao have put the toll from that night at 14.</p>
<p>The camp, on a football pitch at the edge of Sévaré, was built for 5,000 people and now holds more than 9,000, according to the Niger Bend Relief Coalition. Its coordinator, Hélène Marchetti, who travelled from Gao with a convoy yesterday, described the situation as “a queue that never gets shorter.” She said the coalition needed at least 200 more tents by the weekend.</p>
<p>In Gao itself, several hundred residents protested on Wednesday morning outside the governor's office, demanding that the authorities protect the eastern quarters, a local journalist said. The protest dispersed peacefully after the governor's chief of staff met a delegation.</p>
<p>The charity Hope Across the River said one of its two staff members abducted on the Gao–Ansongo road on Sunday had been released on Wednesday and was “tired but unharmed.” It gave no details about the second aid worker.</p>
<p>The Niger Bend Liberation Front said on Wednesday that it would “answer every air strike” and has repeated its threat against Gao airport. Aid agencies say a new wave of displacement could follow if the group carries it out.</p>
</article>
</main>
<footer><p>West Africa Ledger (fictional outlet) · © 2026 · <a href="/about">About</a></p></footer>
</body>
</html>
"""

TRIPOLI_DISPATCH_URL = "https://northafricadispatch.example/news/tripoli-mitiga-clashes-toll"
TRIPOLI_DISPATCH_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Six dead as armed groups fight for Tripoli's airport road - North Africa Dispatch</title>
<meta name="description" content="FICTIONAL DEMO REPORT — not a real event. Invented report written for the eventdesk demo corpus.">
<meta name="eventdesk:fictional" content="true">
<meta property="og:site_name" content="North Africa Dispatch">
<meta property="og:title" content="Six dead as armed groups fight for Tripoli's airport road">
<link rel="canonical" href="https://northafricadispatch.example/news/tripoli-mitiga-clashes-toll">
<meta property="article:published_time" content="2026-03-02T21:15+02:00">
</head>
<body>
<div class="masthead"><a href="/">North Africa Dispatch</a></div>
<ul class="menu"><li><a href="/news">News</a></li><li><a href="/analysis">Analysis</a></li><li><a href="/video">Video</a></li></ul>
<div class="page">
<article class="post">
<h1>Six dead as armed groups fight for Tripoli's airport road</h1>
<div class="post-meta">North Africa Dispatch staff · <time datetime="2026-03-02T21:15+02:00">Monday 2 March 2026, 21:15</time></div>
<div class="post-body">
<p><strong>FICTIONAL DEMO REPORT — not a real event.</strong> Names, armed groups and events here are invented for the eventdesk demo corpus.</p>
<p>Six people, including two civilians, were killed in overnight fighting between two armed groups on the road to Tripoli's Mitiga airport, medical sources said on Monday. Another 14 people were wounded.</p>
<p>The clashes between the Al-Waha Brigade and the Coastal Shield Battalion broke out at around 11 pm on Sunday at a checkpoint near Souq al-Juma and spread to the airport perimeter, where stray rounds hit the runway. All flights were suspended for the day.</p>
<p>Dr. Nadia Al-Fituri, head of the emergency ward at the Souq al-Juma clinic, said that the dead included a man and his teenage son who were driving home. Al-Fituri said: “They were two hundred metres from their door.”</p>
<p>A taxi driver who was stuck at the airport for most of the night said the shooting came “from both sides of the road at once.” He said he hid behind a concrete barrier for three hours.</p>
<p>Mahmoud Ghallab-Asheri, a spokesman for the Al-Waha Brigade, accused the battalion of attacking first. The battalion has demanded that the brigade dismantle its checkpoints by Friday and said it would remove them itself otherwise.</p>
<p>The Joint Civilian Protection Office confirmed that a ceasefire had been agreed at 5 am and said it was holding this evening. If it breaks down, the office warned, the fighting could spread to the residential blocks east of the airport.</p>
</div>
</article>
</div>
<footer class="site-footer">North Africa Dispatch (fictional outlet) · Contact · Privacy</footer>
</body>
</html>
"""

# (url, html, WARC-Date, WARC-Record-ID, HTTP Date header): fixed so the output never changes.
PAGES = (
    (
        GAO_LEDGER_URL,
        GAO_LEDGER_HTML,
        "2026-03-04T19:02:11Z",
        "<urn:uuid:6d656d6f-0000-4000-8000-000000000001>",
        "Wed, 04 Mar 2026 19:02:11 GMT",
    ),
    (
        TRIPOLI_DISPATCH_URL,
        TRIPOLI_DISPATCH_HTML,
        "2026-03-02T19:40:05Z",
        "<urn:uuid:6d656d6f-0000-4000-8000-000000000002>",
        "Mon, 02 Mar 2026 19:40:05 GMT",
    ),
)


def build() -> bytes:
    """The WARC.gz bytes: a warcinfo record, then one HTML response record per page."""
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    info = writer.create_warcinfo_record(
        "reports.warc.gz",
        {"software": "eventdesk demo/build_warc.py", "description": "FICTIONAL DEMO DATA"},
    )
    info.rec_headers.replace_header("WARC-Date", "2026-03-05T00:00:00Z")
    info.rec_headers.replace_header("WARC-Record-ID", WARCINFO_ID)
    writer.write_record(info)
    for url, html, warc_date, record_id, http_date in PAGES:
        payload = html.encode("utf-8")
        http_headers = StatusAndHeaders(
            "200 OK",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(payload))),
                ("Date", http_date),
            ],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            url,
            "response",
            payload=BytesIO(payload),
            length=len(payload),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": warc_date, "WARC-Record-ID": record_id},
        )
        writer.write_record(record)
    return buffer.getvalue()


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(build())


if __name__ == "__main__":
    main()

"""The workbench's filters from a query string: dates checked (422 on the API, a form error on the
pages, which still render), and links that carry every filter under the API's own names."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import store_reports as reports
from fastapi.testclient import TestClient

from eventdesk.serve import create_app
from eventdesk.serve.filter_params import PARAMETER_NAMES, query_parameters
from eventdesk.settings import Settings
from eventdesk.store import Store
from eventdesk.store.derive import rebuild_derived
from eventdesk.store.filters import Filters


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = tmp_path_factory.mktemp("serve-filters") / "varnok.db"
    with Store(path) as store:
        run = store.begin_run(kind="ingest", settings=Settings(), extractor_version="t", inputs=[])
        store.write_batch(reports.all_reports(), run_id=run, extractor_version="t")
        rebuild_derived(store.conn)
        store.finish_run(run, added=5, known=0, errors=0)
    return TestClient(create_app(path))


API_PATHS = ("/api/events", "/api/events.csv", "/api/events.geojson", "/api/timeline")
PAGES = ("/", "/timeline", "/events")


@pytest.mark.parametrize("path", API_PATHS)
@pytest.mark.parametrize("name", ["since", "until"])
@pytest.mark.parametrize("value", ["' OR 1=1 --", "2031-13-01", "tomorrow"])
def test_serve_filters_api_refuses_a_bad_date(
    client: TestClient, path: str, name: str, value: str
) -> None:
    response = client.get(path, params={name: value})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", name]
    assert "is not an ISO date" in error["msg"] or "no such month" in error["msg"]


@pytest.mark.parametrize(
    ("params", "total"),
    [
        ({"since": "2031"}, 6),
        ({"until": "2031-05"}, 6),
        ({"until": "2030-12"}, 0),
        ({"since": "2031-05-04T09:00"}, 5),
        ({"since": " 2031-05-04 "}, 5),
        ({"since": ""}, 6),
    ],
)
def test_serve_filters_api_accepts_iso_years_months_and_days(
    client: TestClient, params: dict[str, str], total: int
) -> None:
    assert client.get("/api/events", params=params).json()["total"] == total


@pytest.mark.parametrize("path", PAGES)
def test_serve_filters_page_shows_the_error_and_still_renders(
    client: TestClient, path: str
) -> None:
    response = client.get(
        path, params={"since": "' OR 1=1 --", "until": "2031-05", "type": "Battles"}
    )
    assert response.status_code == 200
    html = response.text
    errors = re.search(
        r'<ul class="form-errors" id="filter-errors" role="alert">(.*?)</ul>', html, re.S
    )
    assert errors is not None
    assert "since" in errors[1] and "not an ISO date" in errors[1] and "until" not in errors[1]
    assert "' OR 1=1 --" not in html  # the value is shown escaped, never as markup
    assert 'name="since" value="" aria-invalid="true"' in html
    assert 'name="until" value="2031-05"' in html  # the good filters stay applied


def test_serve_filters_page_without_errors_has_no_error_list(client: TestClient) -> None:
    assert 'class="form-errors"' not in client.get("/events", params={"since": "2031-05"}).text


def test_serve_filters_links_carry_every_filter_under_its_parameter_name(
    client: TestClient,
) -> None:
    params = {
        "type": "Explosions/Remote violence",
        "actor": "lantern",
        "q": "Varnok",
        "since": "2031-05",
        "limit": "1",
    }
    html = client.get("/events", params=params).text
    links = [unescape(h) for h in re.findall(r'href="(/(?:api/)?events[^"]*\?[^"]*)"', html)]
    csv_link = next(link for link in links if link.startswith("/api/events.csv"))
    next_link = next(link for link in links if "offset=1" in link)
    for link in (csv_link, next_link):
        query = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
        assert {k: query[k] for k in ("type", "actor", "q", "since")} == {
            k: params[k] for k in ("type", "actor", "q", "since")
        }
    # What the link selects is what the page counted.
    page_total = client.get("/api/events", params=params).json()["total"]
    rows = client.get(csv_link).text.strip().splitlines()[1:]
    assert len(rows) == page_total >= 2


def test_serve_filters_query_parameters_round_trip() -> None:
    filters = Filters(
        event_type="Battles",
        country="FD",
        actor="army",
        modality="reported",
        since="2031",
        until="2031-05-06",
        words="shelling",
        review="unreviewed",
    )
    parameters = query_parameters(filters)
    assert set(parameters) == set(PARAMETER_NAMES.values())
    assert parameters["type"] == "Battles" and parameters["q"] == "shelling"

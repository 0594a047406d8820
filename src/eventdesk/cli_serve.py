"""The `eventdesk serve` command: the workbench over a corpus store. DOCS: docs/workbench.md

A thin click layer over `eventdesk.serve.create_app`; `eventdesk.cli` adds it to its group.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from eventdesk.errors import EventdeskError

LOOPBACK = "127.0.0.1"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The SQLite store file (filled by `eventdesk ingest`).",
)
@click.option("--host", default=LOOPBACK, show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--write-token",
    envvar="EVENTDESK_WRITE_TOKEN",
    help="Token analysts need to confirm, correct or reject records (or set "
    "EVENTDESK_WRITE_TOKEN); without it the workbench is read-only.",
)
@click.option(
    "--tile-url",
    envvar="EVENTDESK_TILE_URL",
    help="Leaflet tile URL template for the map's base layer, e.g. "
    "https://tile.openstreetmap.org/{z}/{x}/{y}.png (needs the network; optional).",
)
@click.option("--tile-attribution", default="", help="Attribution text the tile provider asks for.")
def serve(
    db_path: Path,
    host: str,
    port: int,
    write_token: str | None,
    tile_url: str | None,
    tile_attribution: str,
) -> None:
    """Open the workbench (map, timeline, events, sources, review) on http://HOST:PORT/.

    Reads are open to anyone who can reach the address, so it listens on loopback unless
    --host says otherwise.
    """
    import uvicorn

    from eventdesk.serve import create_app

    if not _is_loopback(host):
        click.echo(
            f"warning: listening on {host}: anyone who can reach it can read the store",
            err=True,
        )
    try:
        app = create_app(
            db_path,
            write_token=write_token,
            tile_url=tile_url,
            tile_attribution=tile_attribution,
        )
    except EventdeskError as e:
        raise click.ClickException(str(e)) from e
    mode = "review on (write token set)" if write_token else "read-only (no write token)"
    click.echo(f"eventdesk workbench on http://{host}:{port}/ · {mode}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


COMMANDS = [serve]

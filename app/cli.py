"""The `timeline` command line (see README.md): serve, migrate, ingest, export, timex, reextract,
check, worker, collections, admin."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from app.config import Settings
from app.errors import UserError

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
STRAYS_SHOWN = 20  # `timeline check` lists this many reports that strayed from their event, then counts


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return args.handler(args, Settings.from_env()) or EXIT_OK
    except UserError as error:
        print(f"timeline: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="timeline", description="Conflict Timeline Explorer")
    commands = parser.add_subparsers(title="commands")

    serve = commands.add_parser("serve", help="serve the web app (uvicorn)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int)
    serve.set_defaults(handler=cmd_serve)

    migrate = commands.add_parser("migrate", help="bring the schema to the newest migration")
    migrate.set_defaults(handler=cmd_migrate)

    ingest = commands.add_parser("ingest", help="ingest .txt/.md/.html files, folders and .jsonl files")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument("--published", help="publication date, YYYY-MM-DD")
    ingest.add_argument("--publisher")
    ingest.add_argument("--title")
    ingest.add_argument("--url")
    ingest.add_argument("--collection", metavar="SLUG",
                        help="the collection the articles go into (else a JSON Lines record's own "
                             "\"collection\", else the default collection)")
    ingest.set_defaults(handler=cmd_ingest)

    export = commands.add_parser("export", help="write events to stdout")
    export.add_argument("--format", default="json", choices=["json", "csv", "ics", "atom", "timelinejs"])
    for name in ("collection", "q", "location", "publisher", "article", "from", "to", "min_sources", "limit", "sort",
                 "bbox", "speech"):
        export.add_argument(f"--{name}", dest=f"f_{name}")
    export.add_argument("--actor", action="append", dest="f_actor", default=[])
    export.add_argument("--type", action="append", dest="f_type", default=[])
    export.set_defaults(handler=cmd_export)

    timex = commands.add_parser("timex", help="print the temporal expressions of a text as JSON")
    timex.add_argument("file", nargs="?", type=Path)
    timex.add_argument("--dct", help="document creation time, YYYY-MM-DD (default: today)")
    timex.set_defaults(handler=cmd_timex)

    reextract = commands.add_parser("reextract", help="re-run extraction on every stored article and rebuild "
                                    "their events, collection by collection")
    reextract.add_argument("--collection", metavar="SLUG", help="only this collection's articles and events")
    reextract.set_defaults(handler=cmd_reextract)

    places = commands.add_parser("places", help="list the stored places and their positions")
    places.add_argument("--geocode", action="store_true",
                        help="give places stored without a position the gazetteer's (countries get their code)")
    places.set_defaults(handler=cmd_places)

    check = commands.add_parser("check", help="recount every kept number (counts, sources, actor timelines, "
                                "search index); exit 1 on drift")
    check.add_argument("--repair", action="store_true", help="recompute every kept number from the events first")
    check.set_defaults(handler=cmd_check)

    worker = commands.add_parser("worker", help="run queued ingestion jobs (admin uploads)")
    worker.add_argument("--once", action="store_true", help="exit when the queue is empty")
    worker.add_argument("--name", help="name recorded on claimed jobs (default host:pid)")
    worker.set_defaults(handler=cmd_worker)

    collections = commands.add_parser("collections", help="list, create or move into collections")
    collection_commands = collections.add_subparsers(title="collections commands")
    listing = collection_commands.add_parser("list", help="every collection: slug, events, articles, name")
    listing.add_argument("--json", action="store_true", help="as JSON, as /api/collections gives them")
    listing.set_defaults(handler=cmd_collections_list)
    create_collection = collection_commands.add_parser("create", help="create a collection")
    create_collection.add_argument("slug", help="its short name in addresses: lower-case letters, digits, hyphens")
    create_collection.add_argument("--name", required=True)
    create_collection.add_argument("--description", default="")
    create_collection.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="the period it is about")
    create_collection.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    create_collection.add_argument("--region")
    create_collection.set_defaults(handler=cmd_collections_create)
    move = collection_commands.add_parser("move", help="move a stored article to another collection (its "
                                          "events are merged again there; every permalink keeps answering)")
    move.add_argument("article", help="the article's id")
    move.add_argument("slug", help="the collection it goes into")
    move.set_defaults(handler=cmd_collections_move)

    admin = commands.add_parser("admin", help="manage admin accounts")
    admin_commands = admin.add_subparsers(title="admin commands")
    create = admin_commands.add_parser("create", help="create or reset an admin account")
    create.add_argument("username")
    create.add_argument("--password-stdin", action="store_true", required=True,
                        help="read the password from standard input")
    create.set_defaults(handler=cmd_admin_create)
    return parser


def cmd_serve(args, settings: Settings) -> int:
    import uvicorn

    from app.migrate import upgrade

    upgrade(settings.database_url)
    uvicorn.run(
        "app.main:app_from_env",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers or settings.web_workers,
        # Forwarded headers (the client's address and scheme) only from TIMELINE_TRUSTED_PROXIES;
        # the app reads the address the same way (app/web/proxies.py).
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=",".join(str(network) for network in settings.trusted_proxies) or "",
    )
    return EXIT_OK


def cmd_migrate(args, settings: Settings) -> int:
    from app.migrate import current_revision, upgrade

    upgrade(settings.database_url)
    print(f"database at revision {current_revision(settings.database_url)}")
    return EXIT_OK


def cmd_ingest(args, settings: Settings) -> int:
    from app.ingest.priority import lower_process_priority
    from app.ingest.runner import ingest_all
    from app.ingest.sources import parse_date, read_paths
    from app.ingest.steps import pipeline_steps
    from app.migrate import upgrade
    from app.pipeline.types import Metadata

    lower_process_priority(settings.ingest_niceness)  # readers keep the CPU (app/ingest/priority.py)
    overrides = Metadata(
        published=parse_date(args.published) if args.published else None,
        title=args.title,
        publisher=args.publisher,
        url=args.url,
    )
    upgrade(settings.database_url)
    if args.collection:  # an unknown collection refuses the whole run before anything is read
        from app.db import session_scope
        from app.services.collections import resolve

        with session_scope(settings.database_url) as session:
            resolve(session, args.collection)
    items = list(read_paths(args.paths, overrides, max_bytes=settings.max_upload_bytes, today=dt.date.today()))
    counts = {"added": 0, "skipped": 0, "refused": 0, "failed": 0}
    show_progress = sys.stderr.isatty()
    outcomes = ingest_all(items, settings, pipeline_steps(settings), collection=args.collection)
    for number, outcome in enumerate(outcomes, start=1):
        counts[outcome.status] += 1
        if show_progress:
            filled = int(30 * number / max(len(items), 1))
            print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {number}/{len(items)}", end="", file=sys.stderr)
            if number == len(items):
                print(file=sys.stderr)
        if outcome.status == "added":
            print(f"added    {outcome.origin} -> article {outcome.article_id}: "
                  f"{len(outcome.events_created)} new events, joined {len(outcome.events_joined)}")
        elif outcome.status == "skipped":
            print(f"skipped  {outcome.origin}: {outcome.reason} (article {outcome.article_id})")
        else:
            print(f"{outcome.status:8} {outcome.origin}: {outcome.reason}", file=sys.stderr)
    failed = f", {counts['failed']} failed" if counts["failed"] else ""
    print(f"{counts['added']} added, {counts['skipped']} skipped, {counts['refused']} refused{failed}")
    # A program error outranks bad input: it is the one an operator must report.
    if counts["failed"]:
        return EXIT_FAILED
    return EXIT_BAD_INPUT if counts["refused"] else EXIT_OK


def cmd_export(args, settings: Settings) -> int:
    from app.db import session_scope
    from app.exports import write_export
    from app.queries.filters import parse_filters

    params = {name[2:]: ([value] if isinstance(value, str) else value)
              for name, value in vars(args).items() if name.startswith("f_") and value}
    filters = parse_filters(params)
    with session_scope(settings.database_url) as session:
        write_export(session, filters, args.format, settings.base_url, sys.stdout)
    return EXIT_OK


def cmd_timex(args, settings: Settings) -> int:
    from app.ingest.sources import parse_date
    from app.pipeline.timex import tag_as_json

    dct = parse_date(args.dct, field="--dct") if args.dct else dt.date.today()
    if args.file:
        if not args.file.exists():
            raise UserError(f"{args.file} does not exist")
        data = args.file.read_bytes()
    else:
        data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError("the input is not UTF-8 text") from None
    print(json.dumps(tag_as_json(text, dct), ensure_ascii=False, indent=1))
    return EXIT_OK


def cmd_reextract(args, settings: Settings) -> int:
    from app.ingest.priority import lower_process_priority
    from app.ingest.reextract import reextract_all
    from app.ingest.steps import pipeline_steps
    from app.migrate import upgrade

    lower_process_priority(settings.ingest_niceness)  # readers keep the CPU (app/ingest/priority.py)
    upgrade(settings.database_url)
    print(reextract_all(settings, pipeline_steps(settings), collection=args.collection).summary())
    print(_geocode(settings).summary())  # places stored before geocoding get their position
    return EXIT_OK


def _geocode(settings: Settings):
    from app.db import session_scope
    from app.services.places import geocode_missing

    with session_scope(settings.database_url) as session:
        return geocode_missing(session)


def cmd_places(args, settings: Settings) -> int:
    from sqlalchemy import select

    from app.db import session_scope
    from app.migrate import upgrade
    from app.models import Location

    upgrade(settings.database_url)
    if args.geocode:
        print(_geocode(settings).summary())
    with session_scope(settings.database_url) as session:
        for place in session.execute(select(Location).order_by(Location.events_count.desc(), Location.name)).scalars():
            where = (f"{place.latitude:.4f},{place.longitude:.4f}" if place.latitude is not None
                     else "no position")
            print(f"{place.events_count:6d}  {place.name} ({place.id}; {place.country_code or '--'}; {where})")
    return EXIT_OK


def cmd_check(args, settings: Settings) -> int:
    from app.db import session_scope
    from app.migrate import upgrade
    from app.services.aggregates import drift
    from app.services.report_profiles import stray_reports

    upgrade(settings.database_url)
    if args.repair:
        from app.db import get_engine
        from app.services.aggregates import rebuild

        with get_engine(settings.database_url).begin() as connection:
            rebuild(connection)
        print("aggregates recomputed from the events")
    with session_scope(settings.database_url) as session:
        found = drift(session)
        strays = stray_reports(session)
    for name, differences in found.items():
        for difference in differences:
            print(f"{name}: {difference}")
    print("aggregates agree with the events" if not found else f"drift in {', '.join(found)}")
    # Not an inconsistency of the kept numbers (the exit status stays theirs): events stored before
    # reports were compared with an event's first report, which `timeline reextract` decides again.
    for stray in strays[:STRAYS_SHOWN]:
        print(f"event {stray.event_id}: the report of article {stray.article_id} names {stray.reason}")
    if strays:
        print(f"{len(strays)} reports name other places or countries than their event's first report: "
              "`timeline reextract` decides them again")
    return 1 if found else EXIT_OK


def cmd_worker(args, settings: Settings) -> int:
    from app.ingest.priority import lower_process_priority
    from app.ingest.jobs import work
    from app.ingest.steps import pipeline_steps
    from app.migrate import upgrade

    lower_process_priority(settings.ingest_niceness)  # readers keep the CPU (app/ingest/priority.py)
    upgrade(settings.database_url)
    print(f"{work(settings, pipeline_steps(settings), name=args.name, until_idle=args.once)} jobs run")
    return EXIT_OK


def cmd_collections_list(args, settings: Settings) -> int:
    from app.db import session_scope
    from app.migrate import upgrade
    from app.queries.collections import articles_in, list_collections

    upgrade(settings.database_url)
    with session_scope(settings.database_url) as session:
        found = list_collections(session, settings.base_url)
        if args.json:
            from app.api.schemas import CollectionListOut

            print(CollectionListOut(items=found).model_dump_json(indent=1))
            return EXIT_OK
        print(f"{'slug':20} {'events':>9} {'articles':>9}  name")
        for collection in found:
            print(f"{collection.slug:20} {collection.events:>9,} {articles_in(session, collection.id):>9,}  "
                  f"{collection.name}")
    return EXIT_OK


def cmd_collections_create(args, settings: Settings) -> int:
    from app.db import session_scope
    from app.ingest.sources import parse_date
    from app.migrate import upgrade
    from app.services.collections import CollectionFields, create_collection

    fields = CollectionFields(
        name=args.name, description=args.description, region=args.region,
        date_from=parse_date(args.date_from, field="--from") if args.date_from else None,
        date_to=parse_date(args.date_to, field="--to") if args.date_to else None,
    )
    upgrade(settings.database_url)
    with session_scope(settings.database_url) as session:
        collection = create_collection(session, "command line", args.slug, fields)
        print(f"collection {collection.slug!r} created: {settings.base_url}/c/{collection.slug}/")
    return EXIT_OK


def cmd_collections_move(args, settings: Settings) -> int:
    from app.db import session_scope, write_transaction
    from app.ingest.priority import lower_process_priority
    from app.ingest.steps import pipeline_steps
    from app.migrate import upgrade
    from app.models import Article
    from app.services.articles import stored_input
    from app.services.collections import resolve

    lower_process_priority(settings.ingest_niceness)  # extraction again: readers keep the CPU, as for ingest
    upgrade(settings.database_url)
    with session_scope(settings.database_url) as session:
        resolve(session, args.slug)
        article = session.get(Article, args.article)
        if article is None or article.deleted_at is not None:
            raise UserError(f"there is no article with the id {args.article!r}")
        article_input = stored_input(article)
    steps = pipeline_steps(settings)
    extraction = steps.extract(article_input)
    moved = write_transaction(settings.database_url, lambda session: steps.move(
        session, "command line", args.article, args.slug, extraction, "timeline collections move"))
    print(moved.summary())
    return EXIT_OK


def cmd_admin_create(args, settings: Settings) -> int:
    from app.db import session_scope
    from app.migrate import upgrade
    from app.services.accounts import create_or_reset

    password = sys.stdin.readline().rstrip("\r\n")
    upgrade(settings.database_url)
    with session_scope(settings.database_url) as session:
        create_or_reset(session, args.username, password)
    print(f"admin account {args.username!r} is ready")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

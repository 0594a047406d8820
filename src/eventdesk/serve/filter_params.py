"""The store's event filters (`eventdesk.store.filters.Filters`) read from a query string, and
written back into one for links: one table of parameter names serves both directions.

The API refuses a filter it cannot apply (a `since` that is not an ISO date) with FastAPI's own
422 answer; a page leaves that filter out, says why above the form, and still renders.
DOCS: docs/workbench.md
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from fastapi import Depends, Query
from fastapi.exceptions import RequestValidationError

from eventdesk.serve.queries import MAX_PAGE
from eventdesk.store.filters import FilterError, Filters

# The query parameter of each filter field, in the order links list them.
PARAMETER_NAMES = {
    "event_type": "type",
    "country": "country",
    "actor": "actor",
    "modality": "modality",
    "since": "since",
    "until": "until",
    "words": "q",
    "review": "review",
}


def filter_values(
    event_type: Annotated[str | None, Query(alias="type", description="ACLED event type")] = None,
    country: Annotated[str | None, Query(description="Country code as stored, or name")] = None,
    actor: Annotated[str | None, Query(description="Part of either actor's name")] = None,
    modality: Annotated[str | None, Query(description="asserted, reported, denied, ...")] = None,
    since: Annotated[
        str | None, Query(description="Earliest day: YYYY-MM-DD, or a month YYYY-MM, or YYYY")
    ] = None,
    until: Annotated[
        str | None, Query(description="Latest day: YYYY-MM-DD, or a month YYYY-MM, or YYYY")
    ] = None,
    q: Annotated[str | None, Query(description="Words all found in the report")] = None,
    review: Annotated[
        Literal["", "unreviewed", "confirm", "correct", "reject"] | None,
        Query(description="Analyst decision in force"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """The filter values of a query string, blank ones as None; not yet checked."""
    texts = {
        "event_type": event_type,
        "country": country,
        "actor": actor,
        "modality": modality,
        "since": since,
        "until": until,
        "words": q,
        "review": review,
    }
    values: dict[str, Any] = {name: (v or "").strip() or None for name, v in texts.items()}
    return values | {"limit": limit, "offset": offset}


Values = Annotated[dict[str, Any], Depends(filter_values)]


def api_filters(values: Values) -> Filters:
    """The filters of an API request; a value they cannot use is a 422 naming the parameter."""
    try:
        return Filters(**values)
    except FilterError as e:
        location = ("query", PARAMETER_NAMES[e.field])
        error = {"type": "value_error", "loc": location, "msg": e.reason, "input": values[e.field]}
        raise RequestValidationError([error]) from e


@dataclass(frozen=True, slots=True)
class FilterForm:
    """A page's filters and, by parameter name, why a value given was left out."""

    filters: Filters
    errors: dict[str, str] = field(default_factory=dict)


def page_filters(values: Values) -> FilterForm:
    """The filters of a page request, leaving out (and reporting) each value they cannot use."""
    values = dict(values)
    errors: dict[str, str] = {}
    while True:  # each pass drops one bad value, so this ends within len(PARAMETER_NAMES) passes
        try:
            return FilterForm(Filters(**values), errors)
        except FilterError as e:
            errors[PARAMETER_NAMES[e.field]] = e.reason
            values[e.field] = None


def query_parameters(filters: Filters) -> dict[str, str]:
    """The filters set, as query parameters that `filter_values` reads back (paging left out)."""
    return {
        parameter: str(getattr(filters, name))
        for name, parameter in PARAMETER_NAMES.items()
        if getattr(filters, name)
    }


ApiFilters = Annotated[Filters, Depends(api_filters)]
PageFilters = Annotated[FilterForm, Depends(page_filters)]

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from opennrm.accounts.models import Membership
from opennrm.api.serializers import (
    CaseDetailSerializer,
    CaseFilterSerializer,
    CaseNoteSerializer,
    CaseOpenSerializer,
    CaseSearchSerializer,
    CaseSummaryPageSerializer,
    CaseSummarySerializer,
    CaseUpdateSerializer,
)
from opennrm.cases import selectors, services
from opennrm.core.pagination import CappedPaginator
from opennrm.core.permissions import Permission
from opennrm.people.services import PersonDetails


def _actor(request: Request) -> Membership:
    actor: Membership = request._request.membership  # type: ignore[attr-defined]
    return actor


def _require(actor: Membership, permission: Permission) -> None:
    if not actor.can(permission):
        raise PermissionDenied


class CappedPagination(PageNumberPagination):
    """`count` stops at OPENNRM_LIST_COUNT_CAP (see opennrm.core.pagination)."""

    django_paginator_class = CappedPaginator


def _paginated(request: Request, queryset: Any) -> Response:
    paginator = CappedPagination()
    page: Any = paginator.paginate_queryset(queryset, request)
    return paginator.get_paginated_response(CaseSummarySerializer(page, many=True).data)


@extend_schema(
    methods=["GET"],
    operation_id="cases_list",
    parameters=[CaseFilterSerializer, OpenApiParameter("page", int)],
    responses=CaseSummaryPageSerializer,
)
@extend_schema(methods=["POST"], request=CaseOpenSerializer, responses={201: CaseDetailSerializer})
@api_view(["GET", "POST"])
def cases(request: Request) -> Response:
    actor = _actor(request)
    if request.method == "POST":
        _require(actor, Permission.CREATE_CASE)
        payload = CaseOpenSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        case = services.case_open(
            actor=actor,
            person=PersonDetails(**data["person"]),
            details=services.CaseDetails(**data["case"]),
            initial_status=data["initial_status"],
            decision_making_body=data["decision_making_body"],
        )
        fresh = selectors.access_case(actor=actor, case_id=case.pk, purpose="api_created")
        return Response(CaseDetailSerializer(fresh).data, status=status.HTTP_201_CREATED)
    _require(actor, Permission.VIEW_CASES)
    query = CaseFilterSerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    filters = selectors.CaseFilters(**query.validated_data)
    return _paginated(request, selectors.case_list(actor=actor, filters=filters))


@extend_schema(
    request=CaseSearchSerializer,
    parameters=[OpenApiParameter("page", int)],
    responses=CaseSummaryPageSerializer,
)
@api_view(["POST"])
def case_search(request: Request) -> Response:
    """Search by reference, exact name (either script) or phone. POST keeps the term out of
    URLs and access logs."""
    actor = _actor(request)
    _require(actor, Permission.VIEW_CASES)
    payload = CaseSearchSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    found = selectors.case_list(
        actor=actor,
        filters=selectors.CaseFilters(),
        search=selectors.search_key(payload.validated_data["q"]),
    )
    return _paginated(request, found)


@extend_schema(methods=["GET"], responses=CaseDetailSerializer)
@extend_schema(methods=["PUT"], request=CaseUpdateSerializer, responses=CaseDetailSerializer)
@api_view(["GET", "PUT"])
def case_detail(request: Request, case_id: str) -> Response:
    actor = _actor(request)
    purpose = "api_view" if request.method == "GET" else "api_edit"
    case = selectors.access_case(actor=actor, case_id=case_id, purpose=purpose)
    if request.method == "PUT":
        _require(actor, Permission.EDIT_CASE)
        payload = CaseUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        version = data.pop("version")
        details = services.CaseDetails(**data, case_owner=case.case_owner)
        case = services.case_update(
            actor=actor, case=case, expected_version=version, details=details
        )
    return Response(CaseDetailSerializer(case).data)


@extend_schema(request=CaseNoteSerializer, responses={201: CaseNoteSerializer})
@api_view(["POST"])
def case_notes(request: Request, case_id: str) -> Response:
    actor = _actor(request)
    case = selectors.access_case(actor=actor, case_id=case_id, purpose="api_add_note")
    _require(actor, Permission.ADD_CASE_NOTE)
    payload = CaseNoteSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    note = services.case_note_add(actor=actor, case=case, body=payload.validated_data["body"])
    return Response(CaseNoteSerializer(note).data, status=status.HTTP_201_CREATED)

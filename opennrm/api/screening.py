"""/api/v1/screening: the identification guide's indicator sets and the evaluation of their
decision rules. Reference data only: no person is read or written here."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from opennrm.screening.rules import evaluate
from opennrm.screening.selectors import indicator_set, indicator_sets, set_as_json


class EvaluateRequestSerializer(serializers.Serializer[Any]):
    set = serializers.SlugField(max_length=60)
    version = serializers.IntegerField(required=False, min_value=1)
    indicators = serializers.ListField(
        child=serializers.CharField(max_length=100), allow_empty=True, max_length=200
    )


class EvaluateResponseSerializer(serializers.Serializer[Any]):
    dimensions = serializers.DictField(child=serializers.BooleanField())
    presumed_victim = serializers.BooleanField()
    rule = serializers.CharField()


@extend_schema(responses={200: OpenApiTypes.OBJECT})
@api_view(["GET"])
def screening_sets(request: Request) -> Response:
    return Response([set_as_json(s) for s in indicator_sets()])


@extend_schema(request=EvaluateRequestSerializer, responses={200: EvaluateResponseSerializer})
@api_view(["POST"])
def screening_evaluate(request: Request) -> Response:
    """Which dimensions are present and whether the person is a presumed victim. Indicative
    only: the decision belongs to the competent authority."""
    payload = EvaluateRequestSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    data = payload.validated_data
    chosen = indicator_set(slug=data["set"], version=data.get("version"))
    return Response(evaluate(chosen, data["indicators"]).as_json())

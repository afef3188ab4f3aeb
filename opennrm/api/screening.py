"""/api/v1/screening: the identification guide's indicator sets and the evaluation of their
decision rules. Reference data only: no person is read or written here."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from opennrm.screening.models import Strength
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


class TranslatedTextSerializer(serializers.Serializer[Any]):
    en = serializers.CharField()
    fr = serializers.CharField()
    ar = serializers.CharField()


class IndicatorSerializer(serializers.Serializer[Any]):
    id = serializers.CharField(help_text="Dimension number and code, e.g. 5.debt_bondage")
    strength = serializers.ChoiceField(choices=Strength.choices)
    text = TranslatedTextSerializer()


class DimensionSerializer(serializers.Serializer[Any]):
    number = serializers.IntegerField()
    name = TranslatedTextSerializer()
    indicators = IndicatorSerializer(many=True)


class IndicatorSetSerializer(serializers.Serializer[Any]):
    slug = serializers.SlugField()
    population = serializers.CharField()
    exploitation = serializers.CharField()
    version = serializers.IntegerField()
    verified = serializers.BooleanField()
    dimensions = DimensionSerializer(many=True)


@extend_schema(responses={200: IndicatorSetSerializer(many=True)})
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

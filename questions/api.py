"""API v1: the citizen path, the public archive, and the staff transitions.

Every view does four things (STYLE.md): fetch for this caller (``access_*``, 404 outside
scope), validate the input serializer, call one service from :mod:`questions.services`,
serialize the output. Errors: 400 per field, 403 (not allowed), 404 (not there *or* not
yours: the two are indistinguishable on purpose), 409 (the question's status does not allow
the move; see ``helpdesk.api.exception_handler``), 429 (rate limit).

Authentication, per audience:

- Citizen endpoints (ask, follow) have **no authentication classes**. Django's CSRF check is
  only about requests that ride on someone's cookies, and DRF applies it only inside
  ``SessionAuthentication``; these views never look at cookies or at who is logged in, so a
  forged cross-site request can do nothing that the attacker could not do directly with
  curl. They accept JSON only, which a plain cross-site HTML form cannot send, and asking
  stays rate limited per IP and contact. Anonymous integrations (a mobile app, a kiosk) can
  therefore POST without fetching a CSRF token first.
- The archive is public and also needs no identity.
- Staff endpoints take a token (``Authorization: Token …``, for integrations) or the browser
  session; with the session, DRF enforces CSRF for unsafe methods as usual.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import generics, serializers, status
from rest_framework.exceptions import APIException
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from helpdesk import clock
from helpdesk.api_schema import extend_schema
from routing.models import Category, Unit

from . import selectors, services, submission, transitions
from .access import (
    access_question,
    access_question_as_citizen,
    questions_visible_to,
    staff_profile,
)
from .api_auth import STAFF_AUTHENTICATION
from .archive import published_public_rows
from .filters import ArchiveFilter, StaffQuestionFilter
from .models import Question, Source
from .ratelimit import client_ip
from .serializers import (
    ACTION_INPUTS,
    ArchiveEntrySerializer,
    ArchiveHitSerializer,
    CitizenQuestionSerializer,
    EmptyInputSerializer,
    ErrorSerializer,
    QuestionCreateInputSerializer,
    QuestionReceiptSerializer,
    StaffQuestionDetailSerializer,
    StaffQuestionListSerializer,
    receipt_data,
)
from .transitions import authorize

# The Idempotency-Key is stored with a prefix ("api:") in a 100-character column, so that the
# web form's one-time nonces live in the same column without ever colliding with an API key.
IDEMPOTENCY_PREFIX = "api:"
IDEMPOTENCY_KEY_MAX = 100 - len(IDEMPOTENCY_PREFIX)

# Responses carrying the secret token or the asker's own data must not sit in shared caches.
NO_STORE = {"Cache-Control": "no-store"}


class SubmissionRateLimited(APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = _(
        "Too many questions were sent from this address or with this contact. "
        "Please try again later."
    )
    default_code = "rate_limited"


class IdempotencyConflict(APIException):
    # IETF draft "The Idempotency-Key HTTP Header Field", §2.7: a key reused with a different
    # payload is answered 422 Unprocessable Content.
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _(
        "This Idempotency-Key was already used for a different question. "
        "Use a new key for a new question."
    )
    default_code = "idempotency_key_reused"


class IsStaffMember(BasePermission):
    """Signed in *and* holding a staff profile (role and unit); plain accounts get 403."""

    message = _("This part of the API is for the staff of the helpdesk.")

    def has_permission(self, request, view) -> bool:
        return staff_profile(request.user) is not None


class ApiPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


# --- Schema fragments -----------------------------------------------------------------------

FIELD_ERRORS = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description=_("Invalid input: a list of messages per field, or a malformed-JSON detail."),
    examples=[
        OpenApiExample(
            "Field errors",
            value={
                "email": ["Enter a valid email address."],
                "phone": ["Enter a Vietnamese phone number, for example 0912 345 678."],
            },
            response_only=True,
            status_codes=["400"],
        )
    ],
)
NOT_FOUND = OpenApiResponse(ErrorSerializer, description=_("No such question (or not yours)."))
FORBIDDEN = OpenApiResponse(ErrorSerializer, description=_("Your role may not do this."))
CONFLICT = OpenApiResponse(
    ErrorSerializer, description=_("The question's current status does not allow this.")
)
UNAUTHENTICATED = OpenApiResponse(ErrorSerializer, description=_("No valid credentials."))

ACCESS_TOKEN_PARAMETERS = [
    OpenApiParameter(
        "X-Access-Token",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description=_("The secret access token from the receipt (preferred to the query)."),
    ),
    OpenApiParameter(
        "token",
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        description=_("The same secret token, as in the private link."),
    ),
]
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=_(
        "Optional, up to 96 characters, unique per question (a UUID is a good choice). "
        "Sending the same request again with the same key returns the first receipt with "
        "status 200 instead of storing a second question; the same key with a different "
        "question is refused with 422."
    ),
)

RECEIPT_EXAMPLE = OpenApiExample(
    "Receipt",
    value={
        "tracking_code": "HD-2026-7K3QX",
        "access_token": "Yq3k0x6mJ1c9r2Hn8bVt4sWz5uLp7dQe",
        "status": "received",
        "received_at": "2026-03-02T09:15:00+07:00",
        "answer_due": "2026-03-23",
        "private_url": "https://hoidap.example.gov.vn/tra-cuu/HD-2026-7K3QX/?token=Yq3k…",
    },
    response_only=True,
    status_codes=["201", "200"],
)
ASK_EXAMPLE = OpenApiExample(
    "A question about a building permit",
    value={
        "title": "Thủ tục cấp giấy phép xây dựng nhà ở",
        "question": "Xin hỏi hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ gồm những gì?",
        "name": "Nguyễn Văn An",
        "email": "an.nguyen@example.com",
        "phone": "0912 345 678",
        "category": "xay-dung",
        "commune": "xa-an-binh",
        "publish_consent": True,
    },
    request_only=True,
)


# --- Citizen: ask -----------------------------------------------------------------------------


def _idempotency_key(request) -> str | None:
    raw = request.headers.get("Idempotency-Key")
    if raw is None:
        return None
    key = raw.strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX or not key.isprintable():
        raise serializers.ValidationError(
            {
                "Idempotency-Key": [
                    _("The Idempotency-Key must be 1 to %(max)d printable characters.")
                    % {"max": IDEMPOTENCY_KEY_MAX}
                ]
            }
        )
    return IDEMPOTENCY_PREFIX + key


class QuestionCreateApi(APIView):
    authentication_classes = []  # no cookies, hence no CSRF; see the module docstring
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]

    @extend_schema(
        summary=_("Ask a question"),
        description=_(
            "Stores a citizen's question and returns its receipt: the tracking code to quote "
            "and the secret access token for following it. No account and no CSRF token are "
            "needed. Give an e-mail address, a phone number, or both. Rate limited per IP "
            "address and per contact."
        ),
        tags=["citizen"],
        auth=[],
        parameters=[IDEMPOTENCY_PARAMETER],
        request=QuestionCreateInputSerializer,
        responses={
            201: QuestionReceiptSerializer,
            200: OpenApiResponse(
                QuestionReceiptSerializer,
                description=_("A replay (same Idempotency-Key and question): the first receipt."),
            ),
            400: FIELD_ERRORS,
            422: OpenApiResponse(ErrorSerializer, description=_("Idempotency-Key reused.")),
            429: OpenApiResponse(ErrorSerializer, description=_("Too many submissions.")),
        },
        examples=[ASK_EXAMPLE, RECEIPT_EXAMPLE],
    )
    def post(self, request):
        key = _idempotency_key(request)
        serializer = QuestionCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            # The web form's use case too: replay, rate limit, store (questions/submission.py).
            question, created = submission.question_ask(
                ip=client_ip(request),
                idempotency_key=key,
                title=data["title"],
                body=data["question"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                category=data["category"],
                commune=data["commune"],
                publish_consent=data["publish_consent"],
                source=Source.API,
                language=translation.get_language() or "vi",
                notify_by=data["notify_by"],
                at=clock.now(),
            )
        except submission.KeyReused:
            raise IdempotencyConflict() from None
        except submission.TooManySubmissions:
            raise SubmissionRateLimited() from None
        body = receipt_data(question)  # QuestionReceiptSerializer's output (the schema's)
        if created:
            return Response(body, status=status.HTTP_201_CREATED, headers=NO_STORE)
        return Response(
            body, status=status.HTTP_200_OK, headers={**NO_STORE, "Idempotent-Replayed": "true"}
        )


# --- Citizen: follow ------------------------------------------------------------------------


class QuestionDetailApi(APIView):
    authentication_classes = []  # the secret token is the credential; see the module docstring
    permission_classes = [AllowAny]

    @extend_schema(
        summary=_("Follow a question"),
        description=_(
            "The asker's own question with its status, deadline, public timeline and approved "
            "answer. Needs the tracking code and the secret access token; a wrong or missing "
            "token gets the same 404 as a code that does not exist."
        ),
        tags=["citizen"],
        auth=[],
        parameters=ACCESS_TOKEN_PARAMETERS,
        responses={200: CitizenQuestionSerializer, 404: NOT_FOUND},
    )
    def get(self, request, tracking_code: str):
        token = request.headers.get("X-Access-Token") or request.query_params.get("token", "")
        question = access_question_as_citizen(tracking_code, token)
        return Response(CitizenQuestionSerializer(question).data, headers=NO_STORE)


# --- Public archive -------------------------------------------------------------------------


def published_questions():
    # The archive's public rows (questions/archive.py), newest first.
    return published_public_rows().order_by("-published_at", "-pk")


@extend_schema(
    summary=_("List the public archive"),
    description=_(
        "Published questions and answers, newest first, in their de-identified public "
        "version. Filters: category and unit codes, year of publication, and words (q). "
        "With q, results are ranked by relevance (with or without diacritics, synonyms "
        "expanded); each entry adds `snippet` (HTML-escaped, matches in <mark>) and `score`, "
        "and the response adds `total`, `facets` (category, unit, year counts), "
        "`did_you_mean` and `degraded` (true while the index is being repaired)."
    ),
    tags=["archive"],
    auth=[],
)
class ArchiveListApi(generics.ListAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = ArchiveEntrySerializer
    pagination_class = ApiPagination
    filterset_class = ArchiveFilter

    def get_queryset(self):
        return published_questions()

    def list(self, request, *args, **kwargs):
        text = (request.query_params.get("q") or "").strip()
        if not text:
            return super().list(request, *args, **kwargs)
        # With words, results are ranked by the search index (docs/design.md#search). The FilterSet
        # still validates the filters, so a bad year is the same 400 as without words.
        filterset = self.filterset_class(
            request.query_params, queryset=self.get_queryset(), request=request
        )
        if not filterset.is_valid():
            raise serializers.ValidationError(filterset.errors)
        data = filterset.form.cleaned_data
        hits = selectors.archive_ranked(
            text=text,
            category=_archive_by_code(Category, data.get("category")),
            unit=_archive_by_code(Unit, data.get("unit")),
            year=int(data["year"]) if data.get("year") else None,
        )
        page = self.paginate_queryset(hits)
        response = self.get_paginated_response(ArchiveHitSerializer(page, many=True).data)
        response.data["total"] = len(hits)
        response.data["facets"] = {
            "category": [
                {"code": f.code, "name": f.label, "count": f.count}
                for f in hits.facets.get("category", [])
            ],
            "unit": [
                {"code": f.code, "name": f.label, "count": f.count}
                for f in hits.facets.get("unit", [])
            ],
            "year": [{"year": int(f.value), "count": f.count} for f in hits.facets.get("year", [])],
        }
        response.data["did_you_mean"] = selectors.archive_suggestion(text=text, total=len(hits))
        response.data["degraded"] = hits.degraded
        return response


def _archive_by_code(model, code: str | None):
    """The category or unit a filter names; an unknown code matches nothing (not everything)."""
    if not code:
        return None
    return model.objects.filter(code=code).first() or model(pk=-1)


@extend_schema(
    summary=_("Read one published question"),
    tags=["archive"],
    auth=[],
    responses={200: ArchiveEntrySerializer, 404: OpenApiResponse(ErrorSerializer)},
)
class ArchiveDetailApi(generics.RetrieveAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = ArchiveEntrySerializer

    def get_queryset(self):
        return published_questions()


# --- Staff: read -----------------------------------------------------------------------------


@extend_schema(
    summary=_("List questions in your scope"),
    description=_(
        "Intake desk and supervisors see every question, unit staff their unit's. "
        "Filters: status (repeatable), unit code, overdue."
    ),
    tags=["staff"],
    responses={200: StaffQuestionListSerializer, 401: UNAUTHENTICATED, 403: FORBIDDEN},
)
class StaffQuestionListApi(generics.ListAPIView):
    authentication_classes = STAFF_AUTHENTICATION
    permission_classes = [IsStaffMember]
    serializer_class = StaffQuestionListSerializer
    pagination_class = ApiPagination
    filterset_class = StaffQuestionFilter

    def get_queryset(self):
        return (
            questions_visible_to(self.request.user)
            .select_related("unit", "category", "assignee")
            .order_by("-received_at", "-pk")
        )


def _staff_detail(request, question: Question) -> Response:
    # Re-read with everything the representation shows. Not through access_question: after a
    # transfer the question has left a head's scope, but they still get the result of their
    # own action.
    question = Question.objects.select_related("unit", "category", "commune", "assignee").get(
        pk=question.pk
    )
    # The representation carries the asker's contact data: who received it is logged.
    services.question_contact_viewed(
        question=question, viewer=request.user, at=clock.now(), via="api"
    )
    return Response(StaffQuestionDetailSerializer(question, context={"request": request}).data)


class StaffQuestionDetailApi(APIView):
    authentication_classes = STAFF_AUTHENTICATION
    permission_classes = [IsStaffMember]

    @extend_schema(
        summary=_("Read a question in your scope"),
        tags=["staff"],
        responses={
            200: StaffQuestionDetailSerializer,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
            404: NOT_FOUND,
        },
    )
    def get(self, request, tracking_code: str):
        question = access_question(request.user, tracking_code)
        return _staff_detail(request, question)


# --- Transitions: one route per move of the catalogue ----------------------------------------
# Generated from questions/transitions.py, as the workspace's buttons are: each move is one
# class, one input serializer (serializers.ACTION_INPUTS) and the one service behind it
# (services.perform). A move the question's state does not allow is a 409 with the same
# sentence the page shows; a move outside the caller's role or scope is a 403.

# What each move is called in the API's documentation, and what else a client should know.
ACTION_DOCS: dict[str, tuple[str, str | None]] = {
    "route": (_("Route to a unit"), None),
    "reject": (
        _("Reject with a reason"),
        _("The reason is shown to the citizen (e.g. a complaint and where to file it)."),
    ),
    "merge": (
        _("Merge into the question it duplicates"),
        _("The answer to the other question serves both; the citizen is told."),
    ),
    "assign": (_("Assign to an officer of the unit"), None),
    "transfer": (
        _("Transfer to another unit"),
        _("The reason is shown to the citizen and to the receiving unit."),
    ),
    "request_clarification": (
        _("Ask the citizen for more information"),
        _("The message is e-mailed to the citizen; the deadline pauses until they reply."),
    ),
    "draft": (_("Save the answer draft"), None),
    "submit": (_("Submit the draft for approval"), None),
    "approve": (_("Approve the submitted answer"), None),
    "return": (_("Return the draft with what should change"), None),
    "request_extension": (
        _("Ask for more time to answer"),
        _(
            "The head of the unit asks a supervisor for more working days, with a reason the "
            "citizen reads if the extension is approved."
        ),
    ),
    "decide_extension": (
        _("Decide an extension request"),
        _("Approve (the due date moves) or refuse (a note is required) a pending request."),
    ),
    "publish": (
        _("Publish the de-identified version"),
        _(
            "Needs the citizen's consent. Refused (409) while the de-identification engine still "
            "finds personal data in the public text (names, ID numbers, phones, e-mails, "
            "addresses, land parcels, bank accounts, licence plates): the response lists them in "
            "`findings` (field, kind, text, asker). A finding that is public information may be "
            "declared in `not_personal`."
        ),
    ),
    "unpublish": (_("Take out of the archive"), None),
    "citizen_reply": (
        _("Reply to a request for more information"),
        _("The deadline, paused since the request, starts again."),
    ),
    "withdraw": (_("Withdraw the question"), _("It will no longer be answered.")),
    "reopen": (
        _("Reopen the question"),
        _("Within the reopen window after the answer, say what the answer did not resolve."),
    ),
    "rate": (_("Rate the answer"), _("Once per answer, from 1 to 5.")),
    "withdraw_consent": (
        _("Withdraw consent to publication"),
        _("A published question is taken out of the archive at once."),
    ),
}


class StaffActionApi(APIView):
    """One staff move: fetch in scope, validate :attr:`input_serializer`, make the move."""

    authentication_classes = STAFF_AUTHENTICATION
    permission_classes = [IsStaffMember]
    action_name = ""
    input_serializer: type[serializers.Serializer] = EmptyInputSerializer

    def post(self, request, tracking_code: str):
        question = access_question(request.user, tracking_code)
        # Not yours to do: 403 before the input is read, as on the workspace's pages.
        authorize(request.user, self.action_name, question)
        serializer = self.input_serializer(
            data=request.data, context={"request": request, "question": question}
        )
        serializer.is_valid(raise_exception=True)
        services.perform(
            self.action_name,
            question=question,
            actor=request.user,
            at=clock.now(),
            data=serializer.validated_data,
        )
        return _staff_detail(request, question)


class CitizenActionApi(APIView):
    """One move of the asker: the tracking code and the secret token, then the move.

    Like following the question, it needs no account and no CSRF token (see the module
    docstring): the token is the credential, and a wrong one is the same 404 as no question.
    """

    authentication_classes = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]
    action_name = ""
    input_serializer: type[serializers.Serializer] = EmptyInputSerializer

    def post(self, request, tracking_code: str):
        token = request.headers.get("X-Access-Token") or request.query_params.get("token", "")
        question = access_question_as_citizen(tracking_code, token)
        serializer = self.input_serializer(data=request.data, context={"question": question})
        serializer.is_valid(raise_exception=True)
        services.perform(
            self.action_name,
            question=question,
            actor=None,
            at=clock.now(),
            data=serializer.validated_data,
        )
        question.refresh_from_db()
        return Response(CitizenQuestionSerializer(question).data, headers=NO_STORE)


def _action_view(row: transitions.Transition) -> type[APIView]:
    summary, description = ACTION_DOCS[row.name]
    serializer = ACTION_INPUTS.get(row.name, EmptyInputSerializer)
    base = CitizenActionApi if row.by_citizen else StaffActionApi
    name = "".join(part.title() for part in row.name.split("_")) + "Api"
    view = type(name, (base,), {"action_name": row.name, "input_serializer": serializer})
    if row.by_citizen:
        schema = extend_schema(
            summary=summary,
            description=description,
            tags=["citizen"],
            auth=[],
            parameters=ACCESS_TOKEN_PARAMETERS,
            request=serializer,
            responses={
                200: CitizenQuestionSerializer,
                400: FIELD_ERRORS,
                404: NOT_FOUND,
                409: CONFLICT,
            },
        )
    else:
        schema = extend_schema(
            summary=summary,
            description=description,
            tags=["staff"],
            request=serializer,
            responses={
                200: StaffQuestionDetailSerializer,
                400: FIELD_ERRORS,
                401: UNAUTHENTICATED,
                403: FORBIDDEN,
                404: NOT_FOUND,
                409: CONFLICT,
            },
        )
    return schema(view)


# Every move of the catalogue, by name: its API class (the routes are in api_urls.py).
ACTION_VIEWS: dict[str, type[APIView]] = {
    name: _action_view(row) for name, row in transitions.CATALOGUE.items()
}

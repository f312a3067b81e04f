"""Django REST framework and Django messages, listed so that we can translate them.

Why this module exists: DRF's own Vietnamese catalog translates only a handful of its
messages, so API errors such as "Authentication credentials were not provided." would reach
Vietnamese citizens and integrators in English. Our catalog (``locale/``, first in
``LOCALE_PATHS``) takes precedence over the catalogs of installed apps, so translating the
exact same msgid there fixes the message everywhere it is used.

``makemessages`` only keeps msgids it finds in our own source, so the strings are listed
here, wrapped in ``gettext_noop`` (marked for extraction, never translated at import). They
must stay byte-for-byte identical to the msgids in DRF 3.18 / Django 5.2, ``{placeholders}``
included: a changed msgid silently stops matching. Messages that Django's or DRF's
Vietnamese catalogs already translate well are not repeated here.

Nothing imports this module; it exists only for ``makemessages``.
"""

from django.utils.translation import gettext_noop

# Django REST framework 3.18: fields.py, serializers.py, relations.py, validators.py,
# exceptions.py, authentication.py, pagination.py.
DRF_MESSAGES = (
    gettext_noop("This field may not be null."),
    gettext_noop("Not a valid string."),
    gettext_noop("Ensure this field has no more than {max_length} characters."),
    gettext_noop("Ensure this field has at least {min_length} characters."),
    gettext_noop("This value does not match the required pattern."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop("Must be a valid UUID."),
    gettext_noop("A valid integer is required."),
    gettext_noop("A valid number is required."),
    gettext_noop("Ensure this value is less than or equal to {max_value}."),
    gettext_noop("Ensure this value is greater than or equal to {min_value}."),
    gettext_noop("String value too large."),
    gettext_noop("Datetime has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Date has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Time has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Expected a datetime but got a date."),
    gettext_noop("Expected a date but got a datetime."),
    gettext_noop('"{input}" is not a valid choice.'),
    gettext_noop('Expected a list of items but got type "{input_type}".'),
    gettext_noop("This selection may not be empty."),
    gettext_noop("This list may not be empty."),
    gettext_noop("Ensure this field has at least {min_length} elements."),
    gettext_noop("Ensure this field has no more than {max_length} elements."),
    gettext_noop('Expected a dictionary of items but got type "{input_type}".'),
    gettext_noop("This dictionary may not be empty."),
    gettext_noop("No filename could be determined."),
    gettext_noop("The submitted data was not a file. Check the encoding type on the form."),
    gettext_noop("Ensure this filename has at most {max_length} characters (it has {length})."),
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    gettext_noop('Invalid pk "{pk_value}" - object does not exist.'),
    gettext_noop("Incorrect type. Expected pk value, received {data_type}."),
    gettext_noop("Object with {slug_name}={value} does not exist."),
    gettext_noop("Invalid value."),
    gettext_noop("This field must be unique."),
    gettext_noop("The fields {field_names} must make a unique set."),
    gettext_noop("Surrogate characters are not allowed: U+{code_point:X}."),
    gettext_noop("A server error occurred."),
    gettext_noop("Invalid input."),
    gettext_noop("Malformed request."),
    gettext_noop("Incorrect authentication credentials."),
    gettext_noop("Authentication credentials were not provided."),
    gettext_noop("You do not have permission to perform this action."),
    gettext_noop("Could not satisfy the request Accept header."),
    gettext_noop('Unsupported media type "{media_type}" in request.'),
    gettext_noop("Request was throttled."),
    gettext_noop("Expected available in {wait} second."),
    gettext_noop("Expected available in {wait} seconds."),
    gettext_noop("Invalid token."),
    gettext_noop("Invalid token header. No credentials provided."),
    gettext_noop("Invalid token header. Token string should not contain spaces."),
    gettext_noop("Invalid token header. Token string should not contain invalid characters."),
    gettext_noop("Invalid page."),
    gettext_noop("A page number within the paginated result set."),
    gettext_noop("Number of results to return per page."),
)

# Django 5.2 messages missing from its Vietnamese catalog that citizens can meet: the null
# character validator of every form CharField, and the CSRF failure page.
DJANGO_MESSAGES = (
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Forbidden"),
    gettext_noop("CSRF verification failed. Request aborted."),
    gettext_noop(
        "You are seeing this message because this HTTPS site requires a “Referer header” "
        "to be sent by your web browser, but none was sent. This header is required for "
        "security reasons, to ensure that your browser is not being hijacked by third "
        "parties."
    ),
    gettext_noop(
        "If you have configured your browser to disable “Referer” headers, please "
        "re-enable them, at least for this site, or for HTTPS connections, or for "
        "“same-origin” requests."
    ),
    gettext_noop(
        'If you are using the <meta name="referrer" content="no-referrer"> tag or '
        "including the “Referrer-Policy: no-referrer” header, please remove them. The "
        "CSRF protection requires the “Referer” header to do strict referer checking. If "
        'you’re concerned about privacy, use alternatives like <a rel="noreferrer" …> for'  # noqa: RUF001
        " links to third-party sites."
    ),
    gettext_noop(
        "You are seeing this message because this site requires a CSRF cookie when "
        "submitting forms. This cookie is required for security reasons, to ensure that "
        "your browser is not being hijacked by third parties."
    ),
    gettext_noop(
        "If you have configured your browser to disable cookies, please re-enable them, "
        "at least for this site, or for “same-origin” requests."
    ),
    gettext_noop("More information is available with DEBUG=True."),
)

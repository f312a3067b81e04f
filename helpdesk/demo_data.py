"""Reference data and question templates of the demo province, as plain Python data.

"Tỉnh An Hòa" is a fictional province shaped like a real one after the reform of 1 July 2025:
two levels of local government (province and commune, no districts), about a dozen
departments (Sở) after the March 2025 department mergers, and a few vertical agencies. Every
person, e-mail address and phone number in the demo is invented; e-mail domains are the
reserved example domains (RFC 2606), so nothing can ever reach a real mailbox.

The question texts are written for this project: 132 distinct questions across the
province's units (``SUBJECTS``), combined with openers, closers and places by ``seed_demo``; the
legal references name real laws and decrees (as of 2025, after the reorganisation) so that the
demo reads like a real portal, but the answers are illustrations, not legal advice.

This module is data only: ``helpdesk.management.commands.seed_demo`` turns it into rows.
"""

from __future__ import annotations

from datetime import date

PROVINCE_NAME = "tỉnh An Hòa"
PROVINCE_NAME_EN = "An Hoa Province"

# The reform dates the history below follows: departments merged on 1 March 2025 (Resolution of
# the 15th National Assembly on government restructuring), districts abolished on 1 July 2025.
DEPARTMENTS_MERGED_ON = date(2025, 3, 1)
DISTRICTS_ABOLISHED_ON = date(2025, 7, 1)
LONG_AGO = date(2008, 4, 1)

# --- Channels -----------------------------------------------------------------------------------
# How the demo's questions arrived, as shares: most still come on the web form, but a province
# also takes calls, visits at the counter, letters, e-mails and the national portal's forwards
# (issue 14: a 1022 centre's month was mostly phone and chat, only a few per cent web).
CHANNELS = [
    ("web", 40),
    ("phone", 18),
    ("counter", 10),
    ("post", 8),
    ("email", 10),
    ("national", 8),
    ("api", 6),
]

# --- Units --------------------------------------------------------------------------------------
# code: the unit's slug; short: the ASCII suffix of its staff usernames (head.<short>).

OFFICE = {
    "code": "vp-ubnd",
    "short": "vpubnd",
    "kind": "office",
    "name": "Văn phòng Ủy ban nhân dân tỉnh An Hòa",
    "name_en": "Office of the An Hoa Provincial People's Committee",
    "valid_from": LONG_AGO,
    "email": "vanphong@anhoa.example.gov.vn",
}

DEPARTMENTS = [
    {
        "code": "so-noi-vu",
        "short": "snv",
        "name": "Sở Nội vụ",
        "name_en": "Department of Home Affairs",
        "valid_from": DEPARTMENTS_MERGED_ON,
    },
    {
        "code": "so-tai-chinh",
        "short": "stc",
        "name": "Sở Tài chính",
        "name_en": "Department of Finance",
        "valid_from": DEPARTMENTS_MERGED_ON,
    },
    {
        "code": "so-xay-dung",
        "short": "sxd",
        "name": "Sở Xây dựng",
        "name_en": "Department of Construction",
        "valid_from": DEPARTMENTS_MERGED_ON,
    },
    {
        "code": "so-nong-nghiep-moi-truong",
        "short": "snnmt",
        "name": "Sở Nông nghiệp và Môi trường",
        "name_en": "Department of Agriculture and Environment",
        "valid_from": DEPARTMENTS_MERGED_ON,
    },
    {
        "code": "so-y-te",
        "short": "syt",
        "name": "Sở Y tế",
        "name_en": "Department of Health",
        "valid_from": LONG_AGO,
    },
    {
        "code": "so-giao-duc-dao-tao",
        "short": "sgddt",
        "name": "Sở Giáo dục và Đào tạo",
        "name_en": "Department of Education and Training",
        "valid_from": LONG_AGO,
    },
    {
        "code": "so-tu-phap",
        "short": "stp",
        "name": "Sở Tư pháp",
        "name_en": "Department of Justice",
        "valid_from": LONG_AGO,
    },
    {
        "code": "so-cong-thuong",
        "short": "sct",
        "name": "Sở Công Thương",
        "name_en": "Department of Industry and Trade",
        "valid_from": LONG_AGO,
    },
    {
        "code": "so-khoa-hoc-cong-nghe",
        "short": "skhcn",
        "name": "Sở Khoa học và Công nghệ",
        "name_en": "Department of Science and Technology",
        "valid_from": DEPARTMENTS_MERGED_ON,
    },
    {
        "code": "so-van-hoa-the-thao-du-lich",
        "short": "svhttdl",
        "name": "Sở Văn hóa, Thể thao và Du lịch",
        "name_en": "Department of Culture, Sports and Tourism",
        "valid_from": LONG_AGO,
    },
    {
        "code": "so-dan-toc-ton-giao",
        "short": "sdttg",
        "name": "Sở Dân tộc và Tôn giáo",
        "name_en": "Department of Ethnic and Religious Affairs",
        "valid_from": DEPARTMENTS_MERGED_ON,
    },
    {
        "code": "thanh-tra-tinh",
        "short": "ttt",
        "name": "Thanh tra tỉnh",
        "name_en": "Provincial Inspectorate",
        "valid_from": LONG_AGO,
    },
]

VERTICAL_AGENCIES = [
    {
        "code": "thue-tinh",
        "short": "thue",
        "name": "Thuế tỉnh An Hòa",
        "name_en": "An Hoa Provincial Tax Office",
        "valid_from": DISTRICTS_ABOLISHED_ON,
    },
    {
        "code": "bhxh-tinh",
        "short": "bhxh",
        "name": "Bảo hiểm xã hội tỉnh An Hòa",
        "name_en": "An Hoa Provincial Social Insurance",
        "valid_from": DISTRICTS_ABOLISHED_ON,
    },
    {
        "code": "cong-an-tinh",
        "short": "congan",
        "name": "Công an tỉnh An Hòa",
        "name_en": "An Hoa Provincial Police",
        "valid_from": LONG_AGO,
    },
]

# in_text: how the place reads inside a sentence ("tại phường An Hòa").
COMMUNES = [
    {
        "code": "phuong-an-hoa",
        "short": "anhoa",
        "name": "Phường An Hòa",
        "name_en": "An Hoa Ward",
        "in_text": "phường An Hòa",
    },
    {
        "code": "phuong-phu-hoa",
        "short": "phuhoa",
        "name": "Phường Phú Hòa",
        "name_en": "Phu Hoa Ward",
        "in_text": "phường Phú Hòa",
    },
    {
        "code": "xa-tan-lap",
        "short": "tanlap",
        "name": "Xã Tân Lập",
        "name_en": "Tan Lap Commune",
        "in_text": "xã Tân Lập",
    },
    {
        "code": "xa-my-thanh",
        "short": "mythanh",
        "name": "Xã Mỹ Thạnh",
        "name_en": "My Thanh Commune",
        "in_text": "xã Mỹ Thạnh",
    },
    {
        "code": "xa-long-hung",
        "short": "longhung",
        "name": "Xã Long Hưng",
        "name_en": "Long Hung Commune",
        "in_text": "xã Long Hưng",
    },
]

# Units that no longer exist, with the unit that took over their work. Old questions keep the
# unit that answered them; reports follow ``successor`` to today's unit.
HISTORICAL_UNITS = [
    {
        "code": "so-tai-nguyen-moi-truong",
        "kind": "department",
        "name": "Sở Tài nguyên và Môi trường",
        "name_en": "Department of Natural Resources and Environment",
        "valid_from": LONG_AGO,
        "valid_to": date(2025, 2, 28),
        "successor": "so-nong-nghiep-moi-truong",
        "short": "stnmt",
    },
    {
        "code": "so-giao-thong-van-tai",
        "kind": "department",
        "name": "Sở Giao thông vận tải",
        "name_en": "Department of Transport",
        "valid_from": LONG_AGO,
        "valid_to": date(2025, 2, 28),
        "successor": "so-xay-dung",
        "short": "sgtvt",
    },
    {
        "code": "so-ke-hoach-dau-tu",
        "kind": "department",
        "name": "Sở Kế hoạch và Đầu tư",
        "name_en": "Department of Planning and Investment",
        "valid_from": LONG_AGO,
        "valid_to": date(2025, 2, 28),
        "successor": "so-tai-chinh",
    },
    {
        # A district People's Committee: the district level was abolished on 1 July 2025 and
        # its work passed to the new commune that took the district's name.
        "code": "ubnd-huyen-long-hung",
        "kind": "other",
        "name": "Ủy ban nhân dân huyện Long Hưng",
        "name_en": "Long Hung District People's Committee",
        "valid_from": LONG_AGO,
        "valid_to": date(2025, 6, 30),
        "successor": "xa-long-hung",
    },
]

# --- Categories (lĩnh vực) -----------------------------------------------------------------------
# (code, name, name_en, default unit code, answer within working days)

CATEGORIES = [
    ("dat-dai", "Đất đai", "Land", "so-nong-nghiep-moi-truong", 15),
    ("xay-dung", "Xây dựng", "Construction", "so-xay-dung", 15),
    ("giao-thong", "Giao thông", "Transport", "so-xay-dung", 15),
    ("thue", "Thuế", "Taxation", "thue-tinh", 10),
    ("bao-hiem-xa-hoi", "Bảo hiểm xã hội", "Social insurance", "bhxh-tinh", 10),
    ("ho-tich", "Hộ tịch", "Civil status registration", "so-tu-phap", 10),
    ("can-cuoc-cu-tru", "Căn cước, cư trú", "Identity cards and residence", "cong-an-tinh", 10),
    ("giao-duc", "Giáo dục", "Education", "so-giao-duc-dao-tao", 15),
    ("y-te", "Y tế", "Health", "so-y-te", 15),
    ("lao-dong-viec-lam", "Lao động – việc làm", "Labour and employment", "so-noi-vu", 15),
    (
        "doanh-nghiep-dau-tu",
        "Doanh nghiệp, đầu tư",
        "Business and investment",
        "so-tai-chinh",
        15,
    ),
    ("moi-truong", "Môi trường", "Environment", "so-nong-nghiep-moi-truong", 15),
    ("nong-nghiep", "Nông nghiệp", "Agriculture", "so-nong-nghiep-moi-truong", 15),
    (
        "van-hoa-du-lich",
        "Văn hóa – du lịch",
        "Culture and tourism",
        "so-van-hoa-the-thao-du-lich",
        15,
    ),
    ("tu-phap", "Tư pháp", "Justice", "so-tu-phap", 15),
    ("cong-thuong", "Công thương", "Industry and trade", "so-cong-thuong", 15),
    (
        "khoa-hoc-cong-nghe",
        "Khoa học, công nghệ và chuyển đổi số",
        "Science, technology and digital transformation",
        "so-khoa-hoc-cong-nghe",
        15,
    ),
    (
        "dan-toc-ton-giao",
        "Dân tộc, tôn giáo",
        "Ethnic and religious affairs",
        "so-dan-toc-ton-giao",
        15,
    ),
]

# --- Demo accounts -------------------------------------------------------------------------------
# One shared password per role, printed by seed_demo. Demo only: a real deployment creates its
# accounts in the admin with their own passwords.

ROLE_PASSWORDS = {
    "intake": "tiepnhan-demo",
    "officer": "chuyenvien-demo",
    "head": "lanhdao-demo",
    "supervisor": "giamsat-demo",
    "admin": "quantri-demo",
}

# (username, role, unit code or None, first name, last name)
PROVINCE_STAFF = [
    ("admin", "admin", None, "Quản trị", "Hệ thống"),
    ("supervisor", "supervisor", "vp-ubnd", "Giám sát", "Văn phòng"),
    ("intake", "intake", "vp-ubnd", "Tiếp nhận", "Ban biên tập"),
    ("intake2", "intake", "vp-ubnd", "Tiếp nhận 2", "Ban biên tập"),
]
# Their display names on English pages (StaffProfile.display_name_en).
PROVINCE_STAFF_EN = {
    "admin": "System administrator",
    "supervisor": "Supervisor, Office of the People's Committee",
    "intake": "Intake desk, Editorial board",
    "intake2": "Intake desk 2, Editorial board",
}
# A unit's accounts are named for their post and unit ("Chuyên viên Sở Xây dựng"); in English
# the post first, then the unit's English name ("Officer, Department of Construction").
UNIT_POSTS_EN = {"head": "Head", "officer": "Officer"}


def staff_name_en(username: str, unit_name_en: str = "", *, historical: bool = False) -> str:
    """The English form of a demo account's display name."""
    if username in PROVINCE_STAFF_EN:
        return PROVINCE_STAFF_EN[username]
    post = "Staff" if historical else UNIT_POSTS_EN.get(username.split(".")[0], "Staff")
    return f"{post}, {unit_name_en}" if unit_name_en else post


# --- People (invented) ---------------------------------------------------------------------------

FAMILY_NAMES = [
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan",
    "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm",
]  # fmt: skip
MIDDLE_MALE = ["Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Gia"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hoài", "Mỹ", "Kim"]
GIVEN_MALE = [
    "An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quân",
    "Sơn", "Tuấn", "Thắng", "Trung", "Việt", "Hiếu", "Tài", "Lợi", "Toàn",
]  # fmt: skip
GIVEN_FEMALE = [
    "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Tâm", "Thảo", "Trang", "Vy",
    "Yến", "Nhung", "Phương", "Hằng", "Loan", "Ngân", "Quyên", "Diệp",
]  # fmt: skip
EMAIL_DOMAINS = ["example.com", "example.vn", "example.org", "example.net"]
PHONE_PREFIXES = ["090", "091", "093", "094", "096", "097", "098"]

# --- Question texts ------------------------------------------------------------------------------
# Placeholders filled by seed_demo: {place} (a commune, "xã Tân Lập"), {province}, {name},
# {email}, {phone_spaced} (the asker's, so publication must remove them), {year}, {years},
# {last_year}, {grade}, {area}, {parcel}, {sheet}; in answers {unit} (the answering unit).

# How a citizen starts: some say who they are (publication must then remove it), most do not.
OPENERS = [
    "",
    "",
    "Xin chào Ban biên tập.",
    "Kính gửi cơ quan chức năng.",
    "Gia đình tôi đang sinh sống tại {place}, {province}.",
    "Tôi là người dân {place}.",
    "Tôi tên là {name}, hiện cư trú tại {place}, {province}.",
    "Tôi là {name}, đang làm việc tại {place}.",
    "Kính gửi quý cơ quan, tôi ở {place}, xin được hỏi một việc như sau.",
]
CLOSERS = [
    "Xin cảm ơn!",
    "Rất mong được giải đáp.",
    "Kính mong quý cơ quan hướng dẫn cụ thể để tôi thực hiện đúng quy định.",
    "Tôi xin chân thành cảm ơn.",
    "Số điện thoại liên hệ của tôi: {phone_spaced}. Xin cảm ơn.",
    "Nếu cần bổ sung thông tin, xin liên hệ qua email {email}. Trân trọng cảm ơn.",
    "",
]
ANSWER_OPENERS = [
    "Về nội dung câu hỏi của ông/bà, {unit} trả lời như sau:",
    "Cảm ơn ông/bà đã quan tâm gửi câu hỏi. {unit} có ý kiến như sau:",
    "Trả lời câu hỏi của ông/bà, {unit} thông tin như sau:",
]
ANSWER_CLOSERS = [
    "Trường hợp cần hướng dẫn thêm, ông/bà có thể liên hệ trực tiếp {unit} trong giờ hành chính.",
    "Ông/bà có thể tra cứu thủ tục và nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia.",
    "Trân trọng.",
]

# Each subject is one question a portal really gets, in the citizen's words, with the answer the
# unit drafts and its legal bases (real laws and decrees; the answers illustrate, they are not
# legal advice). ``titles`` and ``asks`` hold one title and one or two wordings of the same
# question; ``seed_demo`` gives each published question a subject of its own, so no title appears
# twice in the archive. ``commune_level``: handled by the commune's People's Committee when the
# asker named a commune. ``unit``: answered by that unit whatever the category's default.
# ``misrouted``: a unit the intake desk sometimes sends it to first, with the reason that unit
# gives when transferring it on (most of them follow the 2025 transfers of competence).


def _q(category: str, title: str, asks: str | list[str], answer: str, refs: str = "", **extra):
    return {
        "category": category,
        "titles": [title],
        "asks": [asks] if isinstance(asks, str) else list(asks),
        "answer": answer,
        "refs": refs,
        **extra,
    }


_LAND_LAW = "Luật Đất đai năm 2024"
_BUILD_LAW = "Luật Xây dựng năm 2014, sửa đổi, bổ sung năm 2020"
_ENV_LAW = "Luật Bảo vệ môi trường năm 2020"
_TAX_ADMIN = "Luật Quản lý thuế năm 2019; Nghị định số 126/2020/NĐ-CP"
_SI_LAW = "Luật Bảo hiểm xã hội năm 2024"
_CIVIL_STATUS = "Luật Hộ tịch năm 2014; Nghị định số 123/2015/NĐ-CP"
_RESIDENCE = "Luật Cư trú năm 2020; Nghị định số 154/2024/NĐ-CP"
_ID_LAW = "Luật Căn cước năm 2023"
_ROAD_LAW = "Luật Trật tự, an toàn giao thông đường bộ năm 2024"

SUBJECTS = [
    # --- Đất đai (Sở Nông nghiệp và Môi trường; the commune for a household's first certificate)
    _q(
        "dat-dai",
        "Hồ sơ cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
        "Gia đình tôi sử dụng thửa đất số {parcel}, tờ bản đồ số {sheet} tại {place} từ năm "
        "{year}, không tranh chấp nhưng chưa có Giấy chứng nhận quyền sử dụng đất. Hồ sơ đề nghị "
        "cấp lần đầu gồm những gì và nộp ở đâu?",
        "Hộ gia đình, cá nhân sử dụng đất ổn định, không tranh chấp, phù hợp quy hoạch được xem "
        "xét cấp Giấy chứng nhận theo Luật Đất đai năm 2024. Hồ sơ gồm đơn đăng ký đất đai, tài "
        "sản gắn liền với đất theo mẫu, giấy tờ về quyền sử dụng đất (nếu có) và chứng từ nghĩa "
        "vụ tài chính (nếu có); nộp tại Bộ phận Một cửa của Ủy ban nhân dân xã nơi có đất. Công "
        "chức địa chính xã kiểm tra hiện trạng và niêm yết công khai trước khi trình cấp.",
        f"{_LAND_LAW}; Nghị định số 101/2024/NĐ-CP; Nghị định số 151/2025/NĐ-CP",
        commune_level=True,
    ),
    _q(
        "dat-dai",
        "Đất không có giấy tờ có được cấp sổ đỏ không",
        "Bố mẹ tôi ở trên mảnh đất khoảng {area} m² tại {place} từ năm {year} nhưng không có "
        "giấy tờ mua bán, chỉ có biên lai nộp thuế đất. Xin hỏi có được cấp sổ đỏ không?",
        "Theo Điều 138 Luật Đất đai năm 2024, hộ gia đình, cá nhân sử dụng đất không có giấy tờ "
        "về quyền sử dụng đất nhưng sử dụng ổn định trước ngày 01/7/2014, không vi phạm pháp "
        "luật đất đai, được Ủy ban nhân dân xã xác nhận không có tranh chấp thì được cấp Giấy "
        "chứng nhận; tùy thời điểm bắt đầu sử dụng mà phải nộp hoặc không phải nộp tiền sử dụng "
        "đất. Biên lai nộp thuế đất là căn cứ xác định thời điểm sử dụng.",
        f"Điều 138 {_LAND_LAW}",
        commune_level=True,
    ),
    _q(
        "dat-dai",
        "Diện tích tối thiểu được tách thửa đất ở",
        "Tôi có mảnh đất ở {area} m², muốn tách một phần để tặng cho con. Diện tích tối thiểu "
        "được tách thửa ở tỉnh mình là bao nhiêu?",
        "Điều 220 Luật Đất đai năm 2024 quy định điều kiện tách thửa: thửa đất đã có Giấy chứng "
        "nhận, còn thời hạn sử dụng, không tranh chấp, không bị kê biên; diện tích tối thiểu và "
        "kích thước cạnh sau khi tách do Ủy ban nhân dân tỉnh quy định. Ông/bà đối chiếu quyết "
        "định của Ủy ban nhân dân tỉnh An Hòa về tách thửa, hợp thửa; hồ sơ nộp tại Văn phòng "
        "đăng ký đất đai hoặc Bộ phận Một cửa cấp xã.",
        f"Điều 220 {_LAND_LAW}",
    ),
    _q(
        "dat-dai",
        "Chuyển đất trồng cây lâu năm sang đất ở",
        "Gia đình tôi có {area} m² đất trồng cây lâu năm liền kề đất ở. Muốn chuyển sang đất ở "
        "để xây nhà cho con thì thủ tục và tiền sử dụng đất tính thế nào?",
        "Chuyển đất nông nghiệp sang đất ở phải được cơ quan có thẩm quyền cho phép theo Điều "
        "121 Luật Đất đai năm 2024, căn cứ kế hoạch sử dụng đất hằng năm đã phê duyệt. Tiền sử "
        "dụng đất phải nộp bằng chênh lệch giữa tiền sử dụng đất của đất ở và của đất nông "
        "nghiệp theo bảng giá đất, theo Nghị định số 103/2024/NĐ-CP.",
        f"Điều 121 {_LAND_LAW}; Nghị định số 103/2024/NĐ-CP",
    ),
    _q(
        "dat-dai",
        "Thủ tục sang tên sổ đỏ khi nhận thừa kế",
        "Bố tôi mất không để lại di chúc, sổ đỏ đứng tên bố. Anh em tôi muốn sang tên cho mẹ thì "
        "phải làm những bước nào?",
        "Những người thừa kế theo pháp luật lập văn bản thỏa thuận phân chia hoặc khai nhận di "
        "sản tại tổ chức hành nghề công chứng. Sau đó nộp hồ sơ đăng ký biến động tại Văn phòng "
        "đăng ký đất đai kèm văn bản đã công chứng, Giấy chứng nhận và tờ khai thuế, lệ phí "
        "trước bạ; thừa kế giữa vợ chồng, cha mẹ và con được miễn thuế thu nhập cá nhân.",
        f"Bộ luật Dân sự năm 2015; {_LAND_LAW}; Luật Công chứng năm 2024",
    ),
    _q(
        "dat-dai",
        "Thời hạn đăng ký biến động sau khi mua bán đất",
        "Tôi vừa ký hợp đồng mua đất có công chứng được hai tuần. Xin hỏi bao lâu thì phải đi "
        "đăng ký sang tên và nếu chậm có bị phạt không?",
        "Theo Điều 133 Luật Đất đai năm 2024, việc chuyển nhượng phải đăng ký biến động trong "
        "30 ngày kể từ ngày hợp đồng có hiệu lực. Quá thời hạn này mà không đăng ký thì bị xử "
        "phạt vi phạm hành chính theo Nghị định số 123/2024/NĐ-CP. Hồ sơ nộp tại Văn phòng đăng "
        "ký đất đai hoặc qua Bộ phận Một cửa cấp xã.",
        f"Điều 133 {_LAND_LAW}; Nghị định số 123/2024/NĐ-CP",
    ),
    _q(
        "dat-dai",
        "Bồi thường khi Nhà nước thu hồi đất làm đường",
        "Dự án mở rộng đường qua {place} dự kiến thu hồi một phần đất vườn của gia đình tôi. "
        "Xin hỏi đất vườn được bồi thường theo giá nào và có được hỗ trợ gì thêm không?",
        "Bồi thường về đất khi Nhà nước thu hồi thực hiện theo Điều 91 và các điều liên quan "
        "của Luật Đất đai năm 2024: bồi thường bằng đất cùng mục đích hoặc bằng tiền theo giá "
        "đất cụ thể do Ủy ban nhân dân tỉnh quyết định. Ngoài ra có các khoản hỗ trợ ổn định đời "
        "sống, đào tạo, chuyển đổi nghề theo Nghị định số 88/2024/NĐ-CP; phương án được niêm "
        "yết công khai để người dân góp ý trước khi phê duyệt.",
        f"{_LAND_LAW}; Nghị định số 88/2024/NĐ-CP",
    ),
    _q(
        "dat-dai",
        "Cấp đổi sổ đỏ cũ sang mẫu Giấy chứng nhận mới",
        "Sổ đỏ của gia đình tôi cấp từ năm {year}, đã cũ và rách mép. Tôi muốn đổi sang mẫu "
        "mới có mã QR thì có bắt buộc không và làm ở đâu?",
        "Giấy chứng nhận đã cấp trước ngày 01/8/2024 vẫn có giá trị pháp lý, không bắt buộc "
        "đổi. Người sử dụng đất có nhu cầu hoặc Giấy chứng nhận bị ố, nhòe, rách thì được cấp "
        "đổi theo Nghị định số 101/2024/NĐ-CP; hồ sơ gồm đơn đăng ký biến động và bản gốc Giấy "
        "chứng nhận, nộp tại Văn phòng đăng ký đất đai hoặc Bộ phận Một cửa cấp xã.",
        f"{_LAND_LAW}; Nghị định số 101/2024/NĐ-CP",
    ),
    _q(
        "dat-dai",
        "Mất sổ đỏ thì xin cấp lại thế nào",
        "Nhà tôi bị cháy làm mất Giấy chứng nhận quyền sử dụng đất. Xin hỏi thủ tục cấp lại "
        "và mất bao lâu?",
        "Theo Nghị định số 101/2024/NĐ-CP, người bị mất Giấy chứng nhận nộp đơn đề nghị cấp "
        "lại; trường hợp mất do thiên tai, hỏa hoạn phải có xác nhận của Ủy ban nhân dân cấp "
        "xã. Văn phòng đăng ký đất đai kiểm tra hồ sơ địa chính, đăng tin mất giấy theo quy "
        "định rồi trình cấp lại; thời gian giải quyết không quá 10 ngày làm việc, không kể "
        "thời gian niêm yết.",
        "Nghị định số 101/2024/NĐ-CP",
    ),
    _q(
        "dat-dai",
        "Đo đạc lại diện tích thửa đất khác với sổ",
        "Khi đo đạc lại, diện tích thực tế thửa đất số {parcel} của tôi lớn hơn trong sổ khoảng "
        "{area} m². Phần chênh lệch có được công nhận không?",
        "Theo Điều 135 Luật Đất đai năm 2024, nếu ranh giới thửa đất không thay đổi, không có "
        "tranh chấp mà diện tích đo đạc thực tế khác với giấy tờ thì được cấp Giấy chứng nhận "
        "theo diện tích thực tế, người sử dụng đất không phải nộp tiền sử dụng đất cho phần "
        "chênh lệch. Nếu ranh giới có thay đổi thì phần diện tích tăng thêm được xem xét theo "
        "nguồn gốc sử dụng.",
        f"Điều 135 {_LAND_LAW}",
    ),
    # --- Môi trường
    _q(
        "moi-truong",
        "Xưởng mộc gây tiếng ồn và bụi trong khu dân cư",
        "Gần nhà tôi ở {place} có xưởng cưa gỗ chạy cả ban đêm, tiếng ồn và bụi rất lớn. Đề "
        "nghị chính quyền kiểm tra, xử lý.",
        "Ủy ban nhân dân xã đã phối hợp kiểm tra cơ sở. Theo Luật Bảo vệ môi trường năm 2020, "
        "cơ sở sản xuất trong khu dân cư phải bảo đảm quy chuẩn về tiếng ồn, bụi; cơ sở đã được "
        "yêu cầu ngừng hoạt động ban đêm và lắp hệ thống thu bụi, nếu tái phạm sẽ bị xử phạt "
        "theo Nghị định số 45/2022/NĐ-CP.",
        f"{_ENV_LAW}; Nghị định số 45/2022/NĐ-CP",
        commune_level=True,
    ),
    _q(
        "moi-truong",
        "Người dân phải phân loại rác thải sinh hoạt thế nào",
        "Xin hỏi từ khi nào hộ gia đình phải phân loại rác, phân thành mấy loại và không phân "
        "loại thì có bị phạt không?",
        "Điều 75 Luật Bảo vệ môi trường năm 2020 yêu cầu hộ gia đình, cá nhân phân loại chất "
        "thải rắn sinh hoạt thành chất thải có khả năng tái chế, chất thải thực phẩm và chất "
        "thải khác, áp dụng từ ngày 01/01/2025. Ủy ban nhân dân tỉnh hướng dẫn việc thu gom; "
        "không phân loại đúng có thể bị xử phạt theo Nghị định số 45/2022/NĐ-CP.",
        f"Điều 75 {_ENV_LAW}",
    ),
    _q(
        "moi-truong",
        "Cơ sở sản xuất nhỏ có phải xin giấy phép môi trường",
        "Tôi mở xưởng in bao bì quy mô nhỏ, chừng 15 công nhân. Xin hỏi có phải làm giấy phép "
        "môi trường hay chỉ đăng ký môi trường?",
        "Theo Luật Bảo vệ môi trường năm 2020 và Nghị định số 08/2022/NĐ-CP, cơ sở phát sinh "
        "nước thải, bụi, khí thải phải xử lý hoặc chất thải nguy hại phải quản lý thì phải có "
        "giấy phép môi trường; cơ sở thuộc đối tượng miễn giấy phép thì đăng ký môi trường tại "
        "Ủy ban nhân dân cấp xã. Sở Nông nghiệp và Môi trường hướng dẫn xác định đối tượng căn "
        "cứ loại hình và công suất của xưởng.",
        f"{_ENV_LAW}; Nghị định số 08/2022/NĐ-CP",
    ),
    _q(
        "moi-truong",
        "Khai thác nước ngầm giếng khoan cho trang trại",
        "Trang trại của tôi cần khoan giếng lấy nước ngầm khoảng 30 m³ mỗi ngày để tưới. Có "
        "phải xin giấy phép khai thác tài nguyên nước không?",
        "Theo Luật Tài nguyên nước năm 2023, khai thác nước dưới đất quy mô nhỏ cho sinh hoạt "
        "hộ gia đình thì không phải đăng ký, cấp phép; khai thác cho sản xuất nông nghiệp với "
        "lưu lượng như ông/bà nêu phải kê khai, đăng ký với cơ quan quản lý tài nguyên nước. "
        "Sở Nông nghiệp và Môi trường hướng dẫn hồ sơ và kiểm tra vùng hạn chế khai thác.",
        "Luật Tài nguyên nước năm 2023",
    ),
    _q(
        "moi-truong",
        "Xử lý nước thải của trại chăn nuôi gây ô nhiễm kênh",
        "Trại heo đầu nguồn thải nước xuống kênh thủy lợi ở {place}, nước đen và bốc mùi. Đề "
        "nghị cơ quan chức năng kiểm tra.",
        "Cơ sở chăn nuôi phải thu gom, xử lý chất thải đạt quy chuẩn trước khi xả ra môi trường "
        "theo Luật Chăn nuôi năm 2018 và Luật Bảo vệ môi trường năm 2020. Ủy ban nhân dân xã đã "
        "lập biên bản, yêu cầu trại tạm ngừng xả thải và khắc phục hệ thống biogas; vụ việc "
        "được chuyển lực lượng chức năng xử phạt theo quy định.",
        f"Luật Chăn nuôi năm 2018; {_ENV_LAW}",
        commune_level=True,
    ),
    # --- Nông nghiệp
    _q(
        "nong-nghiep",
        "Hỗ trợ giống lúa sau đợt lũ",
        "Đợt lũ vừa qua làm ngập hơn {area} m² lúa của gia đình tôi ở {place}. Gia đình có "
        "được hỗ trợ giống để gieo cấy lại không?",
        "Hộ sản xuất bị thiệt hại do thiên tai được hỗ trợ cây giống, vật nuôi để khôi phục sản "
        "xuất theo Nghị định số 09/2025/NĐ-CP. Trưởng thôn tổng hợp danh sách, Ủy ban nhân dân "
        "xã kiểm tra mức thiệt hại và đề nghị hỗ trợ; Sở Nông nghiệp và Môi trường thẩm định, "
        "trình Ủy ban nhân dân tỉnh quyết định.",
        "Nghị định số 09/2025/NĐ-CP",
    ),
    _q(
        "nong-nghiep",
        "Báo dịch khi lợn chết bất thường",
        "Trong thôn có mấy hộ nuôi lợn chết hàng loạt. Người dân phải báo cho ai và có được hỗ "
        "trợ khi tiêu hủy lợn bệnh không?",
        "Theo Luật Thú y năm 2015, chủ vật nuôi phát hiện động vật chết bất thường phải báo ngay "
        "cho nhân viên thú y xã hoặc Ủy ban nhân dân xã, không bán chạy, không vứt xác ra môi "
        "trường. Lợn buộc phải tiêu hủy do dịch tả lợn châu Phi được hỗ trợ theo chính sách của "
        "Nhà nước và của tỉnh.",
        "Luật Thú y năm 2015",
    ),
    _q(
        "nong-nghiep",
        "Chuyển ruộng lúa sang trồng cây ăn quả",
        "Ruộng lúa một vụ của tôi năng suất thấp, tôi muốn chuyển sang trồng bưởi. Có phải xin "
        "phép không và có được hỗ trợ gì không?",
        "Chuyển đổi cơ cấu cây trồng trên đất trồng lúa sang cây lâu năm thực hiện theo Luật "
        "Trồng trọt năm 2018 và Nghị định số 112/2024/NĐ-CP: người sử dụng đất đăng ký với Ủy "
        "ban nhân dân xã, bảo đảm phù hợp kế hoạch chuyển đổi của địa phương và không làm mất "
        "điều kiện trồng lúa trở lại. Sở Nông nghiệp và Môi trường có chương trình hỗ trợ cây "
        "giống và kỹ thuật cho vùng chuyển đổi.",
        "Luật Trồng trọt năm 2018; Nghị định số 112/2024/NĐ-CP",
    ),
    _q(
        "nong-nghiep",
        "Kê khai hoạt động chăn nuôi nông hộ",
        "Nhà tôi nuôi 20 con heo và vài trăm con gà. Xin hỏi có phải kê khai chăn nuôi với xã "
        "không và khoảng cách chuồng trại tới nhà dân là bao nhiêu?",
        "Theo Luật Chăn nuôi năm 2018, chăn nuôi nông hộ phải kê khai với Ủy ban nhân dân cấp "
        "xã, bảo đảm vệ sinh thú y và xử lý chất thải. Chuồng nuôi phải cách biệt với nơi ở; "
        "khu vực nội thành, khu dân cư tập trung không được phép chăn nuôi theo quy định của Hội "
        "đồng nhân dân tỉnh.",
        "Luật Chăn nuôi năm 2018",
    ),
    _q(
        "nong-nghiep",
        "Điều kiện cấp mã số vùng trồng xuất khẩu",
        "Hợp tác xã của chúng tôi trồng sầu riêng, muốn xuất khẩu sang Trung Quốc. Cần làm gì "
        "để được cấp mã số vùng trồng?",
        "Mã số vùng trồng cấp theo Luật Trồng trọt năm 2018 và hướng dẫn của Bộ Nông nghiệp và "
        "Môi trường: vùng trồng phải có diện tích tập trung, ghi chép nhật ký canh tác, sử dụng "
        "thuốc bảo vệ thực vật đúng danh mục và chịu giám sát sinh vật gây hại. Hợp tác xã nộp "
        "hồ sơ tại Sở Nông nghiệp và Môi trường để được kiểm tra, đề nghị cấp mã số.",
        "Luật Trồng trọt năm 2018",
    ),
    _q(
        "nong-nghiep",
        "Giao khoán rừng sản xuất cho hộ gia đình",
        "Xin hỏi hộ gia đình ở vùng đồi có được nhận khoán trồng, bảo vệ rừng sản xuất không và "
        "hưởng lợi thế nào?",
        "Theo Luật Lâm nghiệp năm 2017, hộ gia đình, cá nhân được Nhà nước giao, cho thuê đất "
        "rừng sản xuất hoặc nhận khoán bảo vệ, phát triển rừng từ các chủ rừng. Quyền lợi được "
        "ghi trong hợp đồng khoán; người nhận khoán được hưởng sản phẩm từ rừng trồng và tiền "
        "dịch vụ môi trường rừng nếu có.",
        "Luật Lâm nghiệp năm 2017",
    ),
]
SUBJECTS += [
    # --- Xây dựng (Sở Xây dựng; the commune for a house's building permit since 1 July 2025)
    _q(
        "xay-dung",
        "Hồ sơ xin giấy phép xây dựng nhà ở riêng lẻ",
        "Tôi chuẩn bị xây nhà 3 tầng trên {area} m² đất ở tại {place}. Hồ sơ xin giấy phép xây "
        "dựng gồm những gì, nộp ở đâu và bao lâu thì có giấy phép?",
        "Nhà ở riêng lẻ trong khu vực có quy hoạch phải có giấy phép xây dựng theo Luật Xây "
        "dựng. Hồ sơ gồm đơn đề nghị theo mẫu, bản sao giấy tờ về quyền sử dụng đất và hai bộ "
        "bản vẽ thiết kế (mặt bằng, mặt cắt, mặt đứng, móng, đấu nối hạ tầng). Từ ngày "
        "01/7/2025 hồ sơ nộp tại Ủy ban nhân dân xã nơi xây dựng; thời hạn cấp là 15 ngày kể "
        "từ khi nhận đủ hồ sơ hợp lệ.",
        _BUILD_LAW,
        commune_level=True,
    ),
    _q(
        "xay-dung",
        "Sửa chữa, thay mái nhà có cần giấy phép xây dựng",
        "Tôi muốn lát lại nền, thay mái tôn và sơn lại nhà, không đụng tới kết cấu. Việc này có "
        "phải xin phép xây dựng không?",
        "Theo khoản 2 Điều 89 Luật Xây dựng (sửa đổi năm 2020), sửa chữa, cải tạo bên trong "
        "công trình hoặc mặt ngoài không tiếp giáp đường trong đô thị có yêu cầu quản lý kiến "
        "trúc được miễn giấy phép nếu không thay đổi kết cấu chịu lực, công năng sử dụng và bảo "
        "đảm an toàn, phòng cháy. Trường hợp của ông/bà được miễn phép.",
        f"Khoản 2 Điều 89 {_BUILD_LAW}",
    ),
    _q(
        "xay-dung",
        "Làm thêm gác lửng khung thép trong nhà",
        "Gia đình tôi định làm gác lửng bằng khung thép và sàn bê tông nhẹ trong nhà phố. Có "
        "phải xin giấy phép sửa chữa, cải tạo không?",
        "Làm gác lửng liên kết vào cột, dầm là thay đổi kết cấu chịu lực, nên không thuộc trường "
        "hợp miễn phép tại Điều 89 Luật Xây dựng. Ông/bà lập hồ sơ đề nghị cấp giấy phép sửa "
        "chữa, cải tạo gồm đơn, bản vẽ hiện trạng và bản vẽ cải tạo, nộp tại Ủy ban nhân dân "
        "cấp xã nơi có nhà.",
        f"Điều 89 {_BUILD_LAW}",
    ),
    _q(
        "xay-dung",
        "Điều kiện cấp chứng chỉ hành nghề thiết kế hạng II",
        "Tôi là kỹ sư kết cấu, có {years} năm kinh nghiệm thiết kế. Điều kiện và hồ sơ để được "
        "cấp chứng chỉ hành nghề thiết kế xây dựng hạng II là gì?",
        "Chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III do Sở Xây dựng cấp theo Nghị "
        "định số 175/2024/NĐ-CP. Cá nhân cần trình độ đại học chuyên ngành phù hợp, đủ thời gian "
        "kinh nghiệm và đạt sát hạch; hồ sơ gồm đơn, văn bằng, bản khai kinh nghiệm có xác nhận, "
        "nộp trực tuyến trên Cổng Dịch vụ công quốc gia.",
        f"{_BUILD_LAW}; Nghị định số 175/2024/NĐ-CP",
    ),
    _q(
        "xay-dung",
        "Điều kiện mua nhà ở xã hội",
        "Vợ chồng tôi là công nhân khu công nghiệp, chưa có nhà ở. Muốn mua nhà ở xã hội thì "
        "cần điều kiện gì và nộp hồ sơ ở đâu?",
        "Theo Luật Nhà ở năm 2023 và Nghị định số 100/2024/NĐ-CP, người lao động tại doanh "
        "nghiệp được mua nhà ở xã hội khi chưa có nhà ở thuộc sở hữu tại tỉnh và đáp ứng điều "
        "kiện thu nhập theo quy định. Hồ sơ nộp trực tiếp cho chủ đầu tư dự án; Sở Xây dựng "
        "công bố danh sách dự án đủ điều kiện bán trên cổng thông tin của Sở.",
        "Luật Nhà ở năm 2023; Nghị định số 100/2024/NĐ-CP",
    ),
    _q(
        "xay-dung",
        "Nhà xây sai giấy phép bị xử lý thế nào",
        "Nhà bên cạnh xây vượt lên 5 tầng trong khi giấy phép chỉ cho 3 tầng. Xin hỏi trường "
        "hợp này bị xử lý ra sao?",
        "Xây dựng sai nội dung giấy phép bị xử phạt theo Nghị định số 16/2022/NĐ-CP và buộc "
        "phá dỡ phần sai phép nếu không điều chỉnh được giấy phép. Ủy ban nhân dân cấp xã có "
        "trách nhiệm kiểm tra, lập biên bản và đình chỉ thi công; Sở Xây dựng đã đề nghị xã nơi "
        "có công trình kiểm tra, xử lý dứt điểm.",
        "Nghị định số 16/2022/NĐ-CP",
    ),
    _q(
        "xay-dung",
        "Xin cung cấp thông tin quy hoạch trước khi mua đất",
        "Trước khi mua lô đất ở {place}, tôi muốn biết lô đất có nằm trong quy hoạch làm đường "
        "không. Hỏi ở đâu để được cung cấp thông tin quy hoạch?",
        "Theo Luật Quy hoạch đô thị và nông thôn năm 2024, quy hoạch được phê duyệt phải công "
        "bố công khai và người dân có quyền được cung cấp thông tin. Ông/bà tra cứu trên cổng "
        "thông tin quy hoạch của tỉnh hoặc đề nghị bằng văn bản tại Ủy ban nhân dân xã, Sở Xây "
        "dựng; cơ quan cung cấp thông tin trong thời hạn quy định.",
        "Luật Quy hoạch đô thị và nông thôn năm 2024",
    ),
    _q(
        "xay-dung",
        "Bảo trì chung cư và phí quản lý vận hành",
        "Chung cư tôi ở chưa thành lập ban quản trị, chủ đầu tư vẫn giữ kinh phí bảo trì 2%. "
        "Cư dân phải làm gì để nhận bàn giao quỹ bảo trì?",
        "Theo Luật Nhà ở năm 2023, chủ đầu tư phải bàn giao kinh phí bảo trì 2% cho Ban quản "
        "trị nhà chung cư sau khi ban quản trị được thành lập tại hội nghị nhà chung cư lần "
        "đầu. Cư dân đề nghị chủ đầu tư tổ chức hội nghị; nếu chủ đầu tư không bàn giao, Ủy ban "
        "nhân dân tỉnh ra quyết định cưỡng chế theo đề nghị của Sở Xây dựng.",
        "Luật Nhà ở năm 2023",
    ),
    # --- Giao thông (Sở Xây dựng; driving licences and vehicle registration: Công an)
    _q(
        "giao-thong",
        "Đổi giấy phép lái xe ô tô hết hạn",
        "Bằng lái ô tô hạng B2 của tôi sắp hết hạn. Xin hỏi đổi ở đâu, cần giấy tờ gì và có "
        "phải thi lại không?",
        "Từ ngày 01/3/2025, việc sát hạch, cấp và đổi giấy phép lái xe do cơ quan Công an thực "
        "hiện theo Luật Trật tự, an toàn giao thông đường bộ năm 2024 và Thông tư số "
        "35/2024/TT-BCA. Giấy phép hạng B2 được đổi sang hạng mới tương ứng; ông/bà nộp hồ sơ "
        "trên Cổng Dịch vụ công hoặc ứng dụng VNeID kèm giấy khám sức khỏe, không phải sát hạch "
        "lại nếu đổi đúng hạn.",
        f"{_ROAD_LAW}; Thông tư số 35/2024/TT-BCA",
        unit="cong-an-tinh",
        misrouted=(
            "so-xay-dung",
            "Từ ngày 01/3/2025 việc cấp, đổi giấy phép lái xe chuyển sang cơ quan Công an; "
            "chuyển Công an tỉnh trả lời theo thẩm quyền.",
        ),
    ),
    _q(
        "giao-thong",
        "Điểm của giấy phép lái xe bị trừ khi vi phạm",
        "Tôi nghe nói từ năm 2025 bằng lái có 12 điểm và bị trừ điểm khi vi phạm. Hết điểm thì "
        "phải làm gì để được lái xe lại?",
        "Điều 58 Luật Trật tự, an toàn giao thông đường bộ năm 2024 quy định giấy phép lái xe "
        "có 12 điểm, bị trừ theo mức vi phạm quy định tại Nghị định số 168/2024/NĐ-CP. Nếu "
        "chưa bị trừ hết điểm và không bị trừ điểm trong 12 tháng thì được phục hồi đủ 12 điểm; "
        "bị trừ hết điểm thì sau 6 tháng phải kiểm tra lại kiến thức pháp luật do Công an tổ "
        "chức.",
        f"Điều 58 {_ROAD_LAW}; Nghị định số 168/2024/NĐ-CP",
        unit="cong-an-tinh",
    ),
    _q(
        "giao-thong",
        "Sang tên xe máy mua lại của người khác",
        "Tôi mua lại xe máy cũ ở tỉnh khác, giấy tờ vẫn đứng tên chủ cũ. Thủ tục sang tên và "
        "thời hạn phải làm là bao lâu?",
        "Theo Thông tư số 79/2024/TT-BCA, chủ xe cũ làm thủ tục thu hồi đăng ký, biển số và "
        "người mua làm thủ tục đăng ký sang tên trong 30 ngày kể từ ngày làm giấy tờ mua bán. "
        "Xe mô tô đăng ký tại Công an cấp xã nơi người mua thường trú, có thể nộp hồ sơ trên "
        "Cổng Dịch vụ công.",
        "Thông tư số 79/2024/TT-BCA",
        unit="cong-an-tinh",
    ),
    _q(
        "giao-thong",
        "Tra cứu phạt nguội và nộp phạt trực tuyến",
        "Tôi nhận tin nhắn báo xe ô tô bị phạt nguội do vượt đèn đỏ. Làm sao để tra cứu và nộp "
        "phạt mà không phải đến trụ sở?",
        "Thông báo vi phạm qua hình ảnh được gửi tới chủ xe và công bố trên trang thông tin của "
        "Cục Cảnh sát giao thông. Chủ xe tra cứu bằng biển số, nếu đồng ý với vi phạm có thể "
        "nộp phạt trực tuyến trên Cổng Dịch vụ công quốc gia theo Nghị định số 168/2024/NĐ-CP. "
        "Cần cảnh giác tin nhắn giả mạo yêu cầu chuyển khoản vào tài khoản cá nhân.",
        "Nghị định số 168/2024/NĐ-CP",
        unit="cong-an-tinh",
    ),
    _q(
        "giao-thong",
        "Chu kỳ đăng kiểm xe ô tô cá nhân",
        "Xe 5 chỗ gia đình tôi mua năm {last_year}. Xin hỏi chu kỳ đăng kiểm lần đầu và các lần "
        "sau là bao lâu?",
        "Theo quy định hiện hành của Bộ Xây dựng về kiểm định xe cơ giới, ô tô chở người đến 8 "
        "chỗ không kinh doanh vận tải sản xuất chưa quá 7 năm có chu kỳ đầu 36 tháng, các chu "
        "kỳ tiếp theo 24 tháng; xe càng cũ thì chu kỳ càng ngắn. Ông/bà có thể đặt lịch tại "
        "bất kỳ đơn vị đăng kiểm nào trong cả nước.",
        "Thông tư số 47/2024/TT-BGTVT",
    ),
    _q(
        "giao-thong",
        "Xe tải chở quá tải làm hỏng đường liên xã",
        "Đường bê tông liên xã qua {place} bị xe tải chở đất chở quá tải làm nứt vỡ. Đề nghị "
        "cơ quan chức năng kiểm tra tải trọng.",
        "Sở Xây dựng đã đề nghị lực lượng thanh tra giao thông phối hợp Công an kiểm tra tải "
        "trọng xe trên tuyến và cắm biển hạn chế tải trọng theo Luật Đường bộ năm 2024. Xe chở "
        "quá tải bị xử phạt theo Nghị định số 168/2024/NĐ-CP; đơn vị gây hư hỏng phải sửa chữa "
        "mặt đường.",
        "Luật Đường bộ năm 2024; Nghị định số 168/2024/NĐ-CP",
    ),
    _q(
        "giao-thong",
        "Cấp phù hiệu xe taxi công nghệ",
        "Tôi chạy xe 7 chỗ theo ứng dụng gọi xe. Xin hỏi xe có phải gắn phù hiệu không và xin "
        "phù hiệu ở đâu?",
        "Xe kinh doanh vận tải hành khách, kể cả xe hợp đồng đặt qua ứng dụng, phải có phù hiệu "
        "theo Nghị định số 158/2024/NĐ-CP về hoạt động vận tải đường bộ. Đơn vị kinh doanh vận "
        "tải nộp hồ sơ đề nghị cấp phù hiệu tại Sở Xây dựng, trực tuyến trên Cổng Dịch vụ công; "
        "cá nhân phải tham gia qua một đơn vị có giấy phép kinh doanh vận tải.",
        "Nghị định số 158/2024/NĐ-CP",
    ),
    # --- Thuế (Thuế tỉnh)
    _q(
        "thue",
        "Tự quyết toán thuế thu nhập cá nhân khi có hai nơi làm việc",
        "Năm {last_year} tôi làm việc ở hai công ty. Tôi có phải tự quyết toán thuế thu nhập cá "
        "nhân không và nộp hồ sơ ở đâu?",
        "Cá nhân có thu nhập từ tiền lương, tiền công tại nhiều nơi trực tiếp quyết toán với "
        "cơ quan thuế theo Nghị định số 126/2020/NĐ-CP. Hạn nộp là ngày cuối cùng của tháng "
        "thứ tư kể từ khi kết thúc năm; ông/bà nộp trực tuyến trên trang thuế điện tử hoặc ứng "
        "dụng eTax Mobile, tại cơ quan thuế quản lý nơi có nguồn thu nhập lớn nhất.",
        _TAX_ADMIN,
    ),
    _q(
        "thue",
        "Mã số thuế cá nhân được thay bằng số định danh",
        "Tôi nghe nói mã số thuế cá nhân sẽ dùng số căn cước. Tôi đã có mã số thuế cũ thì có "
        "phải làm thủ tục gì không?",
        "Từ ngày 01/7/2025, số định danh cá nhân được sử dụng thay cho mã số thuế của cá nhân "
        "theo Thông tư số 86/2024/TT-BTC. Người đã có mã số thuế không phải làm thủ tục; cơ "
        "quan thuế tự động liên kết dữ liệu. Nếu thông tin chưa khớp với Cơ sở dữ liệu quốc gia "
        "về dân cư, ông/bà cập nhật qua trang thuế điện tử.",
        "Thông tư số 86/2024/TT-BTC",
    ),
    _q(
        "thue",
        "Hộ kinh doanh nộp thuế thế nào khi bỏ thuế khoán",
        "Tôi bán tạp hóa ở {place}, trước nay nộp thuế khoán. Nghe nói từ năm 2026 bỏ thuế khoán "
        "thì hộ kinh doanh như tôi phải kê khai thế nào?",
        "Theo Nghị quyết số 198/2025/QH15, phương pháp thuế khoán đối với hộ, cá nhân kinh "
        "doanh chấm dứt từ ngày 01/01/2026; hộ kinh doanh chuyển sang tự kê khai theo doanh thu "
        "thực tế. Hộ có doanh thu năm không quá 200 triệu đồng không phải nộp thuế giá trị gia "
        "tăng; Thuế tỉnh tổ chức tập huấn và hỗ trợ phần mềm kê khai miễn phí.",
        "Nghị quyết số 198/2025/QH15; Luật Thuế giá trị gia tăng năm 2024",
    ),
    _q(
        "thue",
        "Lệ phí trước bạ khi sang tên nhà đất",
        "Tôi mua căn nhà giá 2 tỷ đồng. Xin hỏi lệ phí trước bạ tính bao nhiêu và ai phải nộp?",
        "Theo Nghị định số 10/2022/NĐ-CP, lệ phí trước bạ nhà, đất là 0,5% giá tính lệ phí, do "
        "bên nhận chuyển nhượng nộp, trừ khi hợp đồng có thỏa thuận khác. Giá tính là giá trong "
        "hợp đồng nếu cao hơn giá do Ủy ban nhân dân tỉnh quy định. Hồ sơ khai lệ phí nộp cùng "
        "hồ sơ đăng ký biến động đất đai.",
        "Nghị định số 10/2022/NĐ-CP",
    ),
    _q(
        "thue",
        "Thuế thu nhập khi bán đất",
        "Tôi bán mảnh đất đã đứng tên {years} năm. Thuế thu nhập cá nhân phải nộp là bao nhiêu "
        "và có được miễn không khi đây là nhà đất duy nhất?",
        "Thu nhập từ chuyển nhượng bất động sản chịu thuế 2% trên giá chuyển nhượng theo Luật "
        "Thuế thu nhập cá nhân. Cá nhân chỉ có một nhà ở, đất ở duy nhất tại Việt Nam, đã có "
        "quyền sở hữu, sử dụng từ 183 ngày trở lên thì được miễn thuế; ông/bà kê khai miễn "
        "thuế trong hồ sơ khai thuế nộp cùng hồ sơ sang tên.",
        "Luật Thuế thu nhập cá nhân năm 2007, sửa đổi, bổ sung",
    ),
    _q(
        "thue",
        "Hóa đơn điện tử từ máy tính tiền cho quán ăn",
        "Quán ăn của tôi doanh thu khoảng 1,5 tỷ đồng một năm. Tôi có bắt buộc dùng hóa đơn điện "
        "tử khởi tạo từ máy tính tiền không?",
        "Theo Nghị định số 70/2025/NĐ-CP sửa đổi Nghị định số 123/2020/NĐ-CP, hộ, cá nhân kinh "
        "doanh có doanh thu năm từ 1 tỷ đồng trở lên trong lĩnh vực ăn uống, bán lẻ phải sử "
        "dụng hóa đơn điện tử khởi tạo từ máy tính tiền có kết nối với cơ quan thuế. Ông/bà "
        "đăng ký trên cổng hóa đơn điện tử của cơ quan thuế hoặc qua nhà cung cấp dịch vụ.",
        "Nghị định số 123/2020/NĐ-CP; Nghị định số 70/2025/NĐ-CP",
    ),
    _q(
        "thue",
        "Đăng ký người phụ thuộc để giảm trừ gia cảnh",
        "Tôi muốn đăng ký mẹ già không có lương hưu là người phụ thuộc để giảm thuế thu nhập cá "
        "nhân. Điều kiện và hồ sơ thế nào?",
        "Cha mẹ ngoài độ tuổi lao động, không có thu nhập hoặc thu nhập bình quân tháng không "
        "quá 1 triệu đồng được đăng ký là người phụ thuộc. Người nộp thuế đăng ký qua tổ chức "
        "chi trả thu nhập hoặc trực tiếp với cơ quan thuế kèm giấy tờ chứng minh quan hệ; việc "
        "giảm trừ áp dụng từ tháng phát sinh nghĩa vụ nuôi dưỡng.",
        "Luật Thuế thu nhập cá nhân năm 2007, sửa đổi, bổ sung; Thông tư số 111/2013/TT-BTC",
    ),
    _q(
        "thue",
        "Thuế sử dụng đất phi nông nghiệp của đất ở",
        "Mỗi năm tôi nhận thông báo nộp thuế đất ở. Xin hỏi hạn nộp là khi nào và đất vượt "
        "hạn mức tính thuế thế nào?",
        "Thuế sử dụng đất phi nông nghiệp tính theo Luật Thuế sử dụng đất phi nông nghiệp năm "
        "2010: diện tích trong hạn mức chịu thuế suất 0,03%, phần vượt hạn mức chịu thuế suất "
        "lũy tiến cao hơn. Thuế nộp một lần trong năm, hạn chậm nhất ngày 31/10; ông/bà có "
        "thể nộp trực tuyến qua eTax Mobile hoặc ngân hàng.",
        "Luật Thuế sử dụng đất phi nông nghiệp năm 2010",
    ),
    _q(
        "thue",
        "Cho thuê nhà có phải nộp thuế không",
        "Tôi cho thuê một căn nhà với giá 12 triệu đồng mỗi tháng. Tôi có phải kê khai nộp thuế "
        "không và nộp theo kỳ nào?",
        "Cá nhân cho thuê tài sản có doanh thu trên 100 triệu đồng một năm phải nộp thuế giá "
        "trị gia tăng 5% và thuế thu nhập cá nhân 5% trên doanh thu theo Thông tư số "
        "40/2021/TT-BTC. Ông/bà khai theo từng lần thanh toán hoặc theo năm, tại cơ quan thuế "
        "nơi có nhà cho thuê, hoặc bên thuê là tổ chức khai, nộp thay nếu hợp đồng thỏa thuận.",
        "Thông tư số 40/2021/TT-BTC",
    ),
]
SUBJECTS += [
    # --- Bảo hiểm xã hội
    _q(
        "bao-hiem-xa-hoi",
        "Điều kiện rút bảo hiểm xã hội một lần",
        "Tôi nghỉ việc ở công ty đã hơn một năm, đóng bảo hiểm xã hội được {years} năm. Xin hỏi "
        "tôi có được rút bảo hiểm xã hội một lần không?",
        "Theo Điều 70 Luật Bảo hiểm xã hội năm 2024, người tham gia bảo hiểm xã hội trước ngày "
        "01/7/2025 sau 12 tháng không còn thuộc diện tham gia, không đóng tự nguyện và chưa đủ "
        "20 năm đóng thì được hưởng bảo hiểm xã hội một lần nếu có yêu cầu. Hồ sơ nộp tại cơ "
        "quan bảo hiểm xã hội hoặc trực tuyến trên ứng dụng VssID, Cổng Dịch vụ công.",
        f"Điều 70 {_SI_LAW}",
    ),
    _q(
        "bao-hiem-xa-hoi",
        "Thẻ bảo hiểm y tế bị mất có cần cấp lại",
        "Tôi đánh rơi thẻ bảo hiểm y tế. Đi khám bệnh có cần thẻ giấy không hay làm lại ở đâu?",
        "Người tham gia bảo hiểm y tế có thể dùng thẻ bảo hiểm y tế trên ứng dụng VssID, VNeID "
        "hoặc thẻ căn cước gắn chip để đi khám, chữa bệnh theo Luật Bảo hiểm y tế. Nếu vẫn muốn "
        "có thẻ giấy, ông/bà đề nghị cấp lại tại cơ quan bảo hiểm xã hội nơi cư trú; việc cấp "
        "lại không mất phí.",
        "Luật Bảo hiểm y tế năm 2008, sửa đổi, bổ sung năm 2024",
    ),
    _q(
        "bao-hiem-xa-hoi",
        "Chế độ thai sản cho chồng khi vợ sinh con",
        "Vợ tôi sinh mổ tháng trước, tôi đang đóng bảo hiểm xã hội ở công ty. Tôi được nghỉ "
        "mấy ngày và hưởng chế độ thai sản thế nào?",
        "Theo Điều 53 Luật Bảo hiểm xã hội năm 2024, lao động nam đang đóng bảo hiểm xã hội "
        "được nghỉ 07 ngày làm việc khi vợ sinh con phải phẫu thuật; nghỉ trong 60 ngày kể từ "
        "ngày vợ sinh. Ngoài ra, nếu vợ không tham gia bảo hiểm xã hội thì người chồng được "
        "trợ cấp một lần bằng 2 lần mức tham chiếu cho mỗi con.",
        f"Điều 53 {_SI_LAW}",
    ),
    _q(
        "bao-hiem-xa-hoi",
        "Tham gia bảo hiểm xã hội tự nguyện cho người làm nông",
        "Tôi làm ruộng, không có hợp đồng lao động. Muốn đóng bảo hiểm xã hội tự nguyện để về "
        "già có lương hưu thì đóng bao nhiêu và ở đâu?",
        "Công dân từ đủ 15 tuổi không thuộc diện bắt buộc được tham gia bảo hiểm xã hội tự "
        "nguyện theo Luật Bảo hiểm xã hội năm 2024, mức đóng 22% thu nhập tự chọn, thấp nhất "
        "bằng chuẩn nghèo khu vực nông thôn; Nhà nước hỗ trợ một phần tiền đóng cho người thuộc "
        "hộ nghèo, cận nghèo. Ông/bà đăng ký tại đại lý thu của bảo hiểm xã hội ở xã hoặc qua "
        "VssID; đủ 15 năm đóng thì được hưởng lương hưu.",
        _SI_LAW,
    ),
    _q(
        "bao-hiem-xa-hoi",
        "Công ty nợ bảo hiểm xã hội, người lao động phải làm gì",
        "Tra cứu trên VssID tôi thấy công ty đã trừ lương nhưng không đóng bảo hiểm xã hội mấy "
        "tháng nay. Tôi phải làm gì để bảo vệ quyền lợi?",
        "Chậm đóng, trốn đóng bảo hiểm xã hội là hành vi bị nghiêm cấm theo Luật Bảo hiểm xã "
        "hội năm 2024; doanh nghiệp phải nộp đủ số tiền chậm đóng và tiền lãi. Người lao động "
        "phản ánh tới cơ quan bảo hiểm xã hội để được kiểm tra, đôn đốc; cơ quan bảo hiểm xã "
        "hội sẽ thanh tra chuyên ngành đóng và phối hợp Sở Nội vụ xử lý vi phạm.",
        _SI_LAW,
    ),
    _q(
        "bao-hiem-xa-hoi",
        "Gộp sổ bảo hiểm xã hội khi có hai mã số",
        "Tôi làm ở hai công ty trước đây, mỗi nơi cấp một sổ bảo hiểm xã hội với mã số khác "
        "nhau. Làm thế nào để gộp thời gian đóng?",
        "Mỗi người chỉ có một mã số bảo hiểm xã hội. Ông/bà lập tờ khai điều chỉnh thông tin, "
        "nộp kèm các sổ cho đơn vị đang làm việc hoặc trực tiếp cơ quan bảo hiểm xã hội; cơ "
        "quan bảo hiểm xã hội thu hồi sổ trùng và cộng nối thời gian đóng vào một mã số theo "
        "quy trình của Bảo hiểm xã hội Việt Nam.",
        _SI_LAW,
    ),
    _q(
        "bao-hiem-xa-hoi",
        "Mức hưởng lương hưu khi đủ 15 năm đóng",
        "Tôi năm nay {years} tuổi nghề, đã đóng bảo hiểm xã hội 15 năm. Nếu nghỉ hưu đúng tuổi "
        "thì lương hưu được tính bao nhiêu phần trăm?",
        "Theo Điều 66 Luật Bảo hiểm xã hội năm 2024, mức lương hưu hằng tháng của lao động nữ "
        "bằng 45% mức bình quân tiền lương làm căn cứ đóng tương ứng 15 năm đóng, của lao động "
        "nam bằng 45% tương ứng 20 năm; mỗi năm đóng thêm được cộng 2%, tối đa 75%. Người "
        "lao động nam đóng từ 15 đến dưới 20 năm thì được 40% với 15 năm và cộng 1% mỗi năm.",
        f"Điều 66 {_SI_LAW}",
    ),
    _q(
        "bao-hiem-xa-hoi",
        "Mua bảo hiểm y tế hộ gia đình",
        "Gia đình tôi 4 người chưa ai có bảo hiểm y tế. Mua theo hộ gia đình ở đâu và có được "
        "giảm tiền đóng cho người thứ hai trở đi không?",
        "Người tham gia bảo hiểm y tế theo hộ gia đình đóng theo Luật Bảo hiểm y tế: người thứ "
        "nhất đóng 4,5% mức tham chiếu, người thứ hai, ba, tư lần lượt bằng 70%, 60%, 50% mức "
        "của người thứ nhất. Ông/bà đăng ký tại đại lý thu bảo hiểm y tế ở xã hoặc trên ứng "
        "dụng VssID.",
        "Luật Bảo hiểm y tế năm 2008, sửa đổi, bổ sung năm 2024",
    ),
    # --- Hộ tịch (the commune; Sở Tư pháp guides)
    _q(
        "ho-tich",
        "Thời hạn đăng ký khai sinh cho con",
        "Con tôi sinh ở bệnh viện tỉnh được 3 tuần. Tôi đăng ký khai sinh ở {place} cần mang "
        "theo giấy tờ gì và có làm luôn thẻ bảo hiểm y tế cho cháu được không?",
        "Cha mẹ có trách nhiệm đăng ký khai sinh trong 60 ngày kể từ ngày sinh theo Luật Hộ "
        "tịch. Hồ sơ gồm tờ khai và giấy chứng sinh; nộp tại Ủy ban nhân dân xã nơi cư trú hoặc "
        "trực tuyến theo nhóm thủ tục liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ "
        "bảo hiểm y tế cho trẻ dưới 6 tuổi theo Nghị định số 63/2024/NĐ-CP.",
        f"{_CIVIL_STATUS}; Nghị định số 63/2024/NĐ-CP",
        commune_level=True,
    ),
    _q(
        "ho-tich",
        "Đăng ký kết hôn khi hai người ở hai tỉnh khác nhau",
        "Tôi thường trú ở {place}, vợ sắp cưới ở tỉnh khác. Chúng tôi đăng ký kết hôn ở đâu và "
        "có cần giấy xác nhận tình trạng hôn nhân không?",
        "Hai bên nam, nữ đăng ký kết hôn tại Ủy ban nhân dân xã nơi cư trú của một trong hai "
        "người theo Luật Hộ tịch. Từ khi dữ liệu hộ tịch được khai thác qua Cơ sở dữ liệu quốc "
        "gia về dân cư, nhiều trường hợp không cần nộp giấy xác nhận tình trạng hôn nhân; cán "
        "bộ tư pháp – hộ tịch sẽ tra cứu và chỉ yêu cầu khi chưa khai thác được.",
        _CIVIL_STATUS,
        commune_level=True,
    ),
    _q(
        "ho-tich",
        "Xin giấy xác nhận tình trạng hôn nhân để mua nhà",
        "Tôi độc thân, cần giấy xác nhận tình trạng hôn nhân để làm hợp đồng mua căn hộ. Xin "
        "cấp ở đâu và có giá trị bao lâu?",
        "Giấy xác nhận tình trạng hôn nhân do Ủy ban nhân dân xã nơi thường trú cấp theo Nghị "
        "định số 123/2015/NĐ-CP, trong 03 ngày làm việc. Giấy có giá trị 06 tháng kể từ ngày "
        "cấp và chỉ dùng cho mục đích ghi trong giấy; ông/bà có thể nộp trực tuyến trên Cổng "
        "Dịch vụ công.",
        _CIVIL_STATUS,
        commune_level=True,
    ),
    _q(
        "ho-tich",
        "Đăng ký khai tử cho người thân",
        "Ông nội tôi mới mất tại nhà ở {place}. Gia đình phải đăng ký khai tử trong thời hạn nào "
        "và ai đi làm?",
        "Theo Luật Hộ tịch, trong 15 ngày kể từ ngày có người chết, vợ, chồng hoặc con, cha, mẹ "
        "hoặc người thân thích khác đi đăng ký khai tử tại Ủy ban nhân dân xã nơi cư trú cuối "
        "cùng của người chết. Hồ sơ gồm tờ khai và giấy báo tử do Ủy ban nhân dân xã cấp khi "
        "người chết tại nhà; có thể làm liên thông với xóa đăng ký thường trú.",
        _CIVIL_STATUS,
        commune_level=True,
    ),
    _q(
        "ho-tich",
        "Thay đổi họ tên cho con đã làm khai sinh",
        "Con tôi 5 tuổi, giấy khai sinh mang họ mẹ. Nay bố mẹ muốn đổi sang họ bố thì làm thủ "
        "tục gì?",
        "Theo Điều 27 Bộ luật Dân sự năm 2015 và Luật Hộ tịch, cá nhân được thay đổi họ từ họ "
        "mẹ sang họ cha khi có yêu cầu của cha mẹ; người từ đủ 9 tuổi phải có sự đồng ý của "
        "người đó. Cha mẹ nộp tờ khai đăng ký thay đổi hộ tịch tại Ủy ban nhân dân xã nơi đã "
        "đăng ký khai sinh hoặc nơi cư trú.",
        f"Điều 27 Bộ luật Dân sự năm 2015; {_CIVIL_STATUS}",
        commune_level=True,
    ),
    _q(
        "ho-tich",
        "Đăng ký kết hôn với người nước ngoài",
        "Tôi muốn đăng ký kết hôn với bạn trai quốc tịch Hàn Quốc tại {place}. Từ khi bỏ cấp "
        "huyện thì nộp hồ sơ ở đâu và cần những giấy tờ gì?",
        "Từ ngày 01/7/2025, việc đăng ký kết hôn có yếu tố nước ngoài do Ủy ban nhân dân cấp xã "
        "thực hiện theo Nghị định số 120/2025/NĐ-CP. Hồ sơ gồm tờ khai, giấy xác nhận tình trạng "
        "hôn nhân của người nước ngoài đã hợp pháp hóa lãnh sự và dịch công chứng, giấy xác "
        "nhận sức khỏe tâm thần; cả hai bên phải có mặt khi trao giấy chứng nhận kết hôn.",
        f"{_CIVIL_STATUS}; Nghị định số 120/2025/NĐ-CP",
        commune_level=True,
    ),
    _q(
        "ho-tich",
        "Trích lục bản sao giấy khai sinh bị mất",
        "Giấy khai sinh bản chính của tôi đăng ký từ năm {year} đã thất lạc. Xin cấp bản sao "
        "trích lục ở đâu?",
        "Người đã đăng ký khai sinh được cấp bản sao trích lục hộ tịch tại cơ quan đang lưu giữ "
        "sổ hộ tịch hoặc trực tuyến trên Cổng Dịch vụ công nếu dữ liệu đã được số hóa, theo "
        "Luật Hộ tịch. Trường hợp sổ gốc không còn lưu giữ thì thực hiện đăng ký lại khai sinh "
        "tại Ủy ban nhân dân xã nơi cư trú.",
        _CIVIL_STATUS,
    ),
    # --- Tư pháp (Sở Tư pháp)
    _q(
        "tu-phap",
        "Chứng thực bản sao bằng tốt nghiệp",
        "Tôi cần chứng thực bản sao bằng đại học để nộp hồ sơ xin việc. Có thể chứng thực ở "
        "đâu, mất bao lâu và có cần mang bản chính không?",
        "Theo Nghị định số 23/2015/NĐ-CP, chứng thực bản sao từ bản chính thực hiện tại Ủy ban "
        "nhân dân cấp xã hoặc tổ chức hành nghề công chứng; người yêu cầu xuất trình bản chính "
        "và được giải quyết trong ngày. Bản sao điện tử chứng thực từ bản chính trên Cổng Dịch "
        "vụ công có giá trị như bản sao giấy.",
        "Nghị định số 23/2015/NĐ-CP",
    ),
    _q(
        "tu-phap",
        "Ai được trợ giúp pháp lý miễn phí",
        "Mẹ tôi là người cao tuổi thuộc hộ nghèo, đang có tranh chấp thừa kế. Mẹ tôi có được "
        "luật sư giúp miễn phí không?",
        "Theo Điều 7 Luật Trợ giúp pháp lý năm 2017, người thuộc hộ nghèo, người có công, trẻ em, "
        "người dân tộc thiểu số ở vùng đặc biệt khó khăn và một số đối tượng khác được trợ giúp "
        "pháp lý miễn phí. Bà liên hệ Trung tâm Trợ giúp pháp lý nhà nước thuộc Sở Tư pháp, mang "
        "giấy tờ chứng minh thuộc hộ nghèo để được tư vấn và cử người tham gia tố tụng.",
        "Điều 7 Luật Trợ giúp pháp lý năm 2017",
    ),
    _q(
        "tu-phap",
        "Công chứng hợp đồng mua bán nhà ở đâu",
        "Tôi chuẩn bị mua nhà ở {place}. Hợp đồng có bắt buộc công chứng không và có được công "
        "chứng ở văn phòng công chứng tỉnh khác không?",
        "Hợp đồng chuyển nhượng quyền sử dụng đất, mua bán nhà ở giữa cá nhân phải được công "
        "chứng hoặc chứng thực. Theo Luật Công chứng năm 2024, công chứng hợp đồng về bất động "
        "sản phải thực hiện tại tổ chức hành nghề công chứng có trụ sở trong tỉnh nơi có bất "
        "động sản; danh sách tổ chức hành nghề công chứng được Sở Tư pháp công bố.",
        "Luật Công chứng năm 2024",
    ),
    _q(
        "tu-phap",
        "Thủ tục xin nhập quốc tịch Việt Nam",
        "Chồng tôi là người nước ngoài đã sống ở Việt Nam {years} năm, muốn xin nhập quốc tịch "
        "Việt Nam. Hồ sơ nộp ở đâu?",
        "Theo Luật Quốc tịch Việt Nam, người nước ngoài có vợ là công dân Việt Nam được xin nhập "
        "quốc tịch mà không cần đủ điều kiện về thời gian thường trú 5 năm và biết tiếng Việt. "
        "Hồ sơ nộp tại Sở Tư pháp nơi thường trú; Sở Tư pháp phối hợp Công an tỉnh xác minh "
        "rồi trình Ủy ban nhân dân tỉnh đề nghị Chủ tịch nước quyết định.",
        "Luật Quốc tịch Việt Nam năm 2008, sửa đổi, bổ sung",
    ),
    _q(
        "tu-phap",
        "Xin nhận con nuôi là cháu ruột",
        "Vợ chồng tôi muốn nhận cháu ruột mồ côi cha mẹ làm con nuôi. Thủ tục thế nào?",
        "Theo Luật Nuôi con nuôi năm 2010, việc nhận cháu ruột làm con nuôi được miễn một số "
        "điều kiện về độ tuổi chênh lệch và điều kiện kinh tế. Người nhận con nuôi nộp hồ sơ tại "
        "Ủy ban nhân dân cấp xã nơi trẻ thường trú; Sở Tư pháp hướng dẫn nghiệp vụ và giải quyết "
        "trường hợp nuôi con nuôi có yếu tố nước ngoài.",
        "Luật Nuôi con nuôi năm 2010",
    ),
    _q(
        "tu-phap",
        "Đăng ký tham gia đấu giá quyền sử dụng đất",
        "Tôi muốn tham gia phiên đấu giá đất ở do tỉnh tổ chức. Điều kiện và tiền đặt trước là "
        "bao nhiêu?",
        "Theo Luật Đấu giá tài sản (sửa đổi năm 2024), người tham gia đấu giá đăng ký, nộp hồ "
        "sơ và tiền đặt trước trong thời hạn ghi trong thông báo; tiền đặt trước từ 10% đến 20% "
        "giá khởi điểm. Thông báo đấu giá được đăng trên Cổng thông tin điện tử quốc gia về đấu "
        "giá tài sản; Sở Tư pháp quản lý các tổ chức hành nghề đấu giá.",
        "Luật Đấu giá tài sản năm 2016, sửa đổi, bổ sung năm 2024",
    ),
    _q(
        "tu-phap",
        "Hòa giải mâu thuẫn ranh giới với hàng xóm",
        "Nhà tôi và hàng xóm ở {place} tranh cãi về bức tường ranh giới. Trước khi ra tòa có "
        "thể nhờ ai hòa giải?",
        "Theo Luật Hòa giải ở cơ sở năm 2013, tổ hòa giải ở thôn, tổ dân phố giúp các bên tự "
        "thỏa thuận, không mất phí. Tranh chấp đất đai phải được hòa giải tại Ủy ban nhân dân "
        "cấp xã trước khi khởi kiện theo Điều 235 Luật Đất đai năm 2024; ông/bà nộp đơn yêu cầu "
        "hòa giải tại Ủy ban nhân dân xã.",
        f"Luật Hòa giải ở cơ sở năm 2013; Điều 235 {_LAND_LAW}",
        commune_level=True,
    ),
]
SUBJECTS += [
    # --- Căn cước, cư trú (Công an tỉnh; the commune police receive the files)
    _q(
        "can-cuoc-cu-tru",
        "Làm căn cước cho trẻ dưới 14 tuổi",
        "Con tôi 8 tuổi, gia đình sắp cho cháu đi du lịch bằng máy bay. Có làm được thẻ căn "
        "cước cho cháu không và thủ tục thế nào?",
        "Theo Luật Căn cước năm 2023, công dân dưới 14 tuổi được cấp thẻ căn cước nếu có nhu "
        "cầu. Trẻ dưới 6 tuổi làm qua cổng dịch vụ công hoặc VNeID, không thu nhận vân tay; từ "
        "6 đến dưới 14 tuổi cha mẹ đưa trẻ đến cơ quan Công an để thu nhận ảnh, vân tay, mống "
        "mắt. Lần cấp đầu tiên không thu lệ phí.",
        _ID_LAW,
    ),
    _q(
        "can-cuoc-cu-tru",
        "Cấp lại thẻ căn cước bị mất",
        "Tôi bị mất ví cùng thẻ căn cước gắn chip. Làm lại ở đâu, lệ phí bao nhiêu và trong lúc "
        "chờ có dùng căn cước điện tử được không?",
        "Người bị mất thẻ được cấp lại tại cơ quan Công an nơi thuận tiện, không phụ thuộc nơi "
        "cư trú, theo Luật Căn cước năm 2023; lệ phí cấp lại theo Thông tư số 73/2024/TT-BTC. "
        "Trong thời gian chờ, căn cước điện tử trên ứng dụng VNeID có giá trị như thẻ khi thực "
        "hiện thủ tục hành chính và giao dịch.",
        f"{_ID_LAW}; Thông tư số 73/2024/TT-BTC",
    ),
    _q(
        "can-cuoc-cu-tru",
        "Đăng ký thường trú vào căn nhà mới mua",
        "Tôi vừa mua nhà ở {place} và đã có sổ hồng. Muốn chuyển hộ khẩu cả gia đình về nhà mới "
        "thì làm ở đâu, bao lâu?",
        "Theo Luật Cư trú năm 2020, công dân có chỗ ở hợp pháp thuộc sở hữu của mình được đăng ký "
        "thường trú tại chỗ ở đó. Hồ sơ gồm tờ khai thay đổi thông tin cư trú và giấy tờ chứng "
        "minh chỗ ở hợp pháp, nộp tại Công an xã hoặc trực tuyến; thời hạn giải quyết 07 ngày "
        "làm việc. Sổ hộ khẩu giấy không còn sử dụng, thông tin cư trú nằm trong Cơ sở dữ liệu "
        "về cư trú.",
        _RESIDENCE,
    ),
    _q(
        "can-cuoc-cu-tru",
        "Chủ nhà trọ khai báo tạm trú cho người thuê",
        "Tôi có dãy 10 phòng trọ cho công nhân thuê. Chủ trọ phải đăng ký tạm trú cho người "
        "thuê hay người thuê tự làm, nếu không làm thì bị phạt thế nào?",
        "Người thuê trọ có trách nhiệm đăng ký tạm trú trong 30 ngày kể từ ngày đến ở; chủ nhà "
        "đồng ý cho đăng ký và có thể làm thay qua VNeID hoặc Cổng Dịch vụ công. Cơ sở cho thuê "
        "nhiều phòng còn phải thông báo lưu trú với Công an xã. Không đăng ký tạm trú bị xử phạt "
        "theo Nghị định số 144/2021/NĐ-CP.",
        _RESIDENCE,
    ),
    _q(
        "can-cuoc-cu-tru",
        "Cấp hộ chiếu phổ thông lần đầu",
        "Tôi chưa từng có hộ chiếu, muốn làm để đi du lịch nước ngoài. Làm trực tuyến được không "
        "và bao lâu thì nhận?",
        "Theo Luật Xuất cảnh, nhập cảnh của công dân Việt Nam năm 2019, công dân nộp hồ sơ cấp "
        "hộ chiếu phổ thông trên Cổng Dịch vụ công hoặc tại Phòng Quản lý xuất nhập cảnh Công an "
        "tỉnh; hộ chiếu có gắn chip điện tử. Thời hạn giải quyết 08 ngày làm việc với lần cấp "
        "đầu; hộ chiếu được trả qua bưu điện theo yêu cầu.",
        "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam năm 2019",
    ),
    _q(
        "can-cuoc-cu-tru",
        "Tích hợp giấy phép lái xe vào VNeID",
        "Xin hỏi làm sao để giấy phép lái xe hiện lên trên ứng dụng VNeID và khi bị kiểm tra có "
        "thể xuất trình bằng điện thoại không?",
        "Tài khoản định danh điện tử mức 2 có thể tích hợp giấy phép lái xe khi dữ liệu đã được "
        "xác thực với cơ sở dữ liệu giấy phép lái xe. Theo Luật Trật tự, an toàn giao thông "
        "đường bộ năm 2024, người lái xe xuất trình giấy phép trên VNeID có giá trị như bản giấy "
        "khi lực lượng chức năng kiểm tra.",
        f"{_ROAD_LAW}; Nghị định số 69/2024/NĐ-CP",
    ),
    _q(
        "can-cuoc-cu-tru",
        "Xin phiếu lý lịch tư pháp để đi làm việc ở nước ngoài",
        "Tôi cần phiếu lý lịch tư pháp số 1 để nộp hồ sơ đi làm việc tại Nhật Bản. Từ năm 2025 "
        "xin ở đâu và có làm qua VNeID được không?",
        "Từ ngày 01/7/2025 việc cấp Phiếu lý lịch tư pháp cho công dân do cơ quan Công an cấp "
        "tỉnh thực hiện. Ông/bà có thể nộp yêu cầu trên ứng dụng VNeID hoặc Cổng Dịch vụ công, "
        "nhận phiếu bản điện tử hoặc bản giấy; thời hạn giải quyết không quá 10 ngày theo Luật "
        "Lý lịch tư pháp năm 2009.",
        "Luật Lý lịch tư pháp năm 2009",
        misrouted=(
            "so-tu-phap",
            "Từ ngày 01/7/2025 Sở Tư pháp không còn cấp Phiếu lý lịch tư pháp; chuyển Công an "
            "tỉnh trả lời theo thẩm quyền.",
        ),
    ),
    _q(
        "can-cuoc-cu-tru",
        "Kiểm tra phòng cháy chữa cháy cho nhà ở kết hợp kinh doanh",
        "Nhà tôi 4 tầng, tầng trệt bán quần áo. Có phải trang bị bình chữa cháy và lối thoát "
        "nạn phụ không, ai kiểm tra?",
        "Theo Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ năm 2024, nhà ở kết hợp sản xuất, "
        "kinh doanh phải có phương tiện chữa cháy phù hợp, thiết bị báo cháy và lối thoát nạn "
        "thứ hai khi đủ điều kiện. Công an xã hướng dẫn và kiểm tra định kỳ; người dân có thể "
        "tra cứu hướng dẫn an toàn cháy cho hộ kinh doanh trên trang của Công an tỉnh.",
        "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ năm 2024",
    ),
    _q(
        "can-cuoc-cu-tru",
        "Xóa đăng ký thường trú của người đã chuyển đi",
        "Em trai tôi đã đi nước ngoài định cư nhiều năm nhưng vẫn còn đăng ký thường trú trong "
        "nhà tôi. Gia đình muốn xóa thì làm thế nào?",
        "Điều 24 Luật Cư trú năm 2020 quy định các trường hợp xóa đăng ký thường trú, trong đó "
        "có người định cư ở nước ngoài và người vắng mặt liên tục từ 12 tháng trở lên không rõ "
        "lý do. Chủ hộ đề nghị tại Công an xã nơi cư trú kèm giấy tờ chứng minh; Công an xã xác "
        "minh và xóa đăng ký trong 01 ngày làm việc kể từ khi có căn cứ.",
        f"Điều 24 {_RESIDENCE}",
    ),
    # --- Giáo dục
    _q(
        "giao-duc",
        "Phương án thi tuyển sinh vào lớp 10 công lập",
        "Con tôi đang học lớp 9. Năm nay tỉnh thi vào lớp 10 mấy môn, có cộng điểm ưu tiên cho "
        "học sinh vùng khó khăn không?",
        "Tuyển sinh trung học phổ thông thực hiện theo Quy chế ban hành kèm Thông tư số "
        "30/2024/TT-BGDĐT: thi tuyển với ba môn gồm Toán, Ngữ văn và một môn hoặc bài thi thứ "
        "ba do Sở Giáo dục và Đào tạo chọn, công bố trước ngày 31/3 hằng năm. Chế độ cộng điểm "
        "ưu tiên, khuyến khích theo Quy chế; Sở công bố kế hoạch tuyển sinh trên cổng thông tin.",
        "Thông tư số 30/2024/TT-BGDĐT",
    ),
    _q(
        "giao-duc",
        "Chuyển trường cho học sinh lớp 7 khi đổi chỗ ở",
        "Gia đình tôi chuyển nhà sang xã khác trong tỉnh, con đang học lớp 7. Thủ tục xin chuyển "
        "trường thế nào và có chuyển được giữa năm học không?",
        "Học sinh trung học cơ sở chuyển trường theo quy định của Bộ Giáo dục và Đào tạo: cha mẹ "
        "làm đơn, trường nơi đi xác nhận hồ sơ học bạ, trường nơi đến tiếp nhận. Việc chuyển "
        "trường thực hiện khi kết thúc học kỳ I hoặc trước khi bắt đầu năm học, trường hợp đặc "
        "biệt do hiệu trưởng trường nơi đến xem xét.",
        "Luật Giáo dục năm 2019",
    ),
    _q(
        "giao-duc",
        "Miễn học phí cho học sinh trường công lập",
        "Năm học này con tôi học lớp 3 và lớp 8 trường công lập. Tôi nghe nói được miễn học phí "
        "hoàn toàn, có đúng không?",
        "Theo Nghị quyết số 217/2025/QH15 của Quốc hội, từ năm học 2025 – 2026 trẻ mầm non, học "
        "sinh phổ thông học tại cơ sở giáo dục công lập được miễn học phí; học sinh trường tư "
        "thục được hỗ trợ học phí theo mức do Hội đồng nhân dân tỉnh quy định. Các khoản thu "
        "dịch vụ khác thực hiện theo hướng dẫn của Sở Giáo dục và Đào tạo.",
        "Nghị quyết số 217/2025/QH15",
    ),
    _q(
        "giao-duc",
        "Quy định về dạy thêm, học thêm ngoài nhà trường",
        "Giáo viên chủ nhiệm lớp con tôi mở lớp dạy thêm tại nhà cho chính học sinh trong lớp. "
        "Như vậy có đúng quy định không?",
        "Thông tư số 29/2024/TT-BGDĐT không cho phép giáo viên đang dạy tại trường dạy thêm "
        "ngoài nhà trường có thu tiền đối với học sinh mà mình đang dạy chính khóa. Tổ chức dạy "
        "thêm ngoài nhà trường phải đăng ký kinh doanh và công khai thông tin. Sở Giáo dục và "
        "Đào tạo đã yêu cầu nhà trường kiểm tra, xử lý theo quy định.",
        "Thông tư số 29/2024/TT-BGDĐT",
    ),
    _q(
        "giao-duc",
        "Cấp bản sao bằng tốt nghiệp trung học phổ thông",
        "Tôi tốt nghiệp trung học phổ thông năm {year}, nay làm mất bằng. Có được cấp lại bằng "
        "không hay chỉ được cấp bản sao?",
        "Văn bằng không được cấp lại khi bị mất; người học được cấp bản sao từ sổ gốc có giá "
        "trị thay bản chính theo quy chế quản lý văn bằng, chứng chỉ. Bằng tốt nghiệp trung học "
        "phổ thông do Sở Giáo dục và Đào tạo cấp bản sao; ông/bà nộp đơn kèm căn cước trực "
        "tuyến hoặc trực tiếp tại Sở.",
        "Luật Giáo dục năm 2019",
    ),
    _q(
        "giao-duc",
        "Công nhận văn bằng đại học do nước ngoài cấp",
        "Tôi học thạc sĩ ở Úc theo hình thức trực tuyến một phần. Xin hỏi thủ tục công nhận văn "
        "bằng để dùng khi thi tuyển công chức?",
        "Văn bằng do cơ sở giáo dục nước ngoài cấp được công nhận theo quy định của Bộ Giáo dục "
        "và Đào tạo; hồ sơ gồm đơn, bản sao văn bằng, bảng điểm và giấy tờ chứng minh thời gian "
        "học, nộp trực tuyến tại cơ quan có thẩm quyền. Văn bằng của chương trình học trực tuyến "
        "được xem xét theo điều kiện kiểm định và tỷ lệ học trực tuyến.",
        "Thông tư số 13/2021/TT-BGDĐT",
    ),
    _q(
        "giao-duc",
        "Học nghề miễn phí cho người học xong lớp 9",
        "Con tôi học xong lớp 9 không muốn học tiếp trung học phổ thông. Có trường nghề nào học "
        "miễn học phí và được cấp bằng gì?",
        "Theo Luật Giáo dục nghề nghiệp năm 2014, học sinh tốt nghiệp trung học cơ sở học trình "
        "độ trung cấp được miễn học phí và có thể học song song văn hóa. Từ năm 2025 quản lý "
        "giáo dục nghề nghiệp chuyển về ngành giáo dục; Sở Giáo dục và Đào tạo công bố danh sách "
        "trường trung cấp, cao đẳng tuyển sinh trên địa bàn.",
        "Luật Giáo dục nghề nghiệp năm 2014",
        misrouted=(
            "so-noi-vu",
            "Từ tháng 3/2025 quản lý nhà nước về giáo dục nghề nghiệp chuyển sang Sở Giáo dục "
            "và Đào tạo; chuyển để trả lời theo thẩm quyền.",
        ),
    ),
    _q(
        "giao-duc",
        "Tuyển sinh vào lớp 1 theo tuyến cư trú",
        "Gia đình tôi đăng ký tạm trú ở {place}, con đủ 6 tuổi năm nay. Cháu có được học lớp 1 "
        "ở trường tiểu học gần nhà không?",
        "Trẻ đủ 6 tuổi vào lớp 1 theo Chương trình giáo dục phổ thông; Ủy ban nhân dân xã và "
        "phòng chuyên môn phân tuyến tuyển sinh theo địa bàn cư trú, gồm cả trẻ có đăng ký tạm "
        "trú. Phụ huynh đăng ký trực tuyến theo kế hoạch tuyển sinh do Sở Giáo dục và Đào tạo "
        "hướng dẫn.",
        "Luật Giáo dục năm 2019",
    ),
    # --- Y tế
    _q(
        "y-te",
        "Đi khám ở bệnh viện tỉnh có được hưởng bảo hiểm y tế đúng tuyến",
        "Tôi đăng ký khám chữa bệnh ban đầu ở trạm y tế xã, muốn lên thẳng bệnh viện tỉnh khám "
        "thì bảo hiểm y tế có chi trả không?",
        "Theo Luật Bảo hiểm y tế sửa đổi năm 2024, từ ngày 01/7/2025 cơ sở khám chữa bệnh được "
        "xếp theo cấp chuyên môn ban đầu, cơ bản, chuyên sâu. Người bệnh tự đến cơ sở cấp cơ "
        "bản trong tỉnh được thanh toán theo mức hưởng như đúng tuyến trong một số trường hợp; "
        "một số bệnh hiếm, hiểm nghèo được đến thẳng cơ sở chuyên sâu.",
        "Luật Bảo hiểm y tế năm 2008, sửa đổi, bổ sung năm 2024",
    ),
    _q(
        "y-te",
        "Cấp giấy phép hành nghề cho y sĩ",
        "Tôi tốt nghiệp y sĩ đa khoa, đã thực hành 9 tháng tại bệnh viện huyện cũ. Xin hỏi hồ "
        "sơ đề nghị cấp giấy phép hành nghề nộp ở đâu?",
        "Theo Luật Khám bệnh, chữa bệnh năm 2023 và Nghị định số 96/2023/NĐ-CP, người hành nghề "
        "phải có văn bằng phù hợp, hoàn thành thực hành và đạt kiểm tra đánh giá năng lực. Giấy "
        "phép hành nghề chức danh y sĩ do Sở Y tế cấp; hồ sơ nộp trực tuyến qua hệ thống quản "
        "lý hành nghề.",
        "Luật Khám bệnh, chữa bệnh năm 2023; Nghị định số 96/2023/NĐ-CP",
    ),
    _q(
        "y-te",
        "Giấy chứng nhận đủ điều kiện an toàn thực phẩm cho bếp ăn",
        "Tôi mở bếp ăn nấu suất cơm cho công nhân khoảng 200 suất mỗi ngày. Có phải xin giấy "
        "chứng nhận cơ sở đủ điều kiện an toàn thực phẩm không?",
        "Cơ sở kinh doanh dịch vụ ăn uống phải có giấy chứng nhận đủ điều kiện an toàn thực phẩm "
        "theo Luật An toàn thực phẩm năm 2010 và Nghị định số 15/2018/NĐ-CP, trừ một số trường "
        "hợp nhỏ lẻ. Bếp ăn tập thể của ông/bà nộp hồ sơ tại cơ quan quản lý an toàn thực phẩm "
        "thuộc Sở Y tế; người chế biến phải có xác nhận kiến thức an toàn thực phẩm.",
        "Luật An toàn thực phẩm năm 2010; Nghị định số 15/2018/NĐ-CP",
    ),
    _q(
        "y-te",
        "Tiêm vắc xin sởi cho trẻ trong chương trình tiêm chủng mở rộng",
        "Con tôi 9 tháng tuổi. Xin hỏi lịch tiêm vắc xin sởi miễn phí và tiêm ở đâu?",
        "Trong Chương trình tiêm chủng mở rộng, trẻ được tiêm vắc xin sởi mũi một khi 9 tháng "
        "tuổi và sởi – rubella khi 18 tháng tuổi, miễn phí tại trạm y tế xã theo Luật Phòng, "
        "chống bệnh truyền nhiễm năm 2007. Cha mẹ theo dõi lịch tiêm trên sổ tiêm chủng điện tử "
        "hoặc thông báo của trạm y tế.",
        "Luật Phòng, chống bệnh truyền nhiễm năm 2007",
    ),
    _q(
        "y-te",
        "Trợ cấp xã hội hằng tháng cho người khuyết tật nặng",
        "Em tôi bị khuyết tật vận động nặng, sống cùng gia đình ở {place}. Em có được trợ cấp "
        "hằng tháng không và làm hồ sơ ở đâu?",
        "Người khuyết tật nặng, đặc biệt nặng được trợ cấp xã hội hằng tháng theo Luật Người "
        "khuyết tật năm 2010 và Nghị định số 20/2021/NĐ-CP. Gia đình đề nghị Ủy ban nhân dân xã "
        "xác định mức độ khuyết tật, sau đó nộp tờ khai hưởng trợ cấp. Từ năm 2025 công tác bảo "
        "trợ xã hội do ngành y tế quản lý; Sở Y tế hướng dẫn chung trên địa bàn tỉnh.",
        "Luật Người khuyết tật năm 2010; Nghị định số 20/2021/NĐ-CP",
        misrouted=(
            "so-noi-vu",
            "Từ tháng 3/2025 bảo trợ xã hội chuyển sang ngành y tế; chuyển Sở Y tế trả lời "
            "theo thẩm quyền.",
        ),
    ),
    _q(
        "y-te",
        "Chứng chỉ hành nghề dược để mở nhà thuốc",
        "Tôi tốt nghiệp dược sĩ đại học, có 2 năm làm ở nhà thuốc. Muốn mở nhà thuốc riêng thì "
        "cần chứng chỉ hành nghề dược và giấy chứng nhận gì?",
        "Theo Luật Dược năm 2016 (sửa đổi năm 2024), người phụ trách chuyên môn nhà thuốc phải "
        "có bằng dược sĩ và 02 năm thực hành tại cơ sở dược phù hợp. Chứng chỉ hành nghề dược và "
        "giấy chứng nhận đủ điều kiện kinh doanh dược do Sở Y tế cấp sau khi đánh giá đạt thực "
        "hành tốt cơ sở bán lẻ thuốc.",
        "Luật Dược năm 2016, sửa đổi, bổ sung năm 2024",
    ),
    _q(
        "y-te",
        "Khám sức khỏe để đổi giấy phép lái xe",
        "Khám sức khỏe để đổi giấy phép lái xe thì khám ở đâu và giấy khám có giá trị bao lâu?",
        "Người lái xe khám sức khỏe tại cơ sở khám bệnh, chữa bệnh đủ điều kiện theo quy định "
        "của Bộ Y tế về tiêu chuẩn sức khỏe người lái xe; giấy khám có giá trị 12 tháng. Kết "
        "quả khám được cơ sở y tế chuyển lên hệ thống dữ liệu điện tử, người dân không phải nộp "
        "bản giấy khi làm thủ tục trực tuyến.",
        "Luật Khám bệnh, chữa bệnh năm 2023",
    ),
]
SUBJECTS += [
    # --- Lao động, việc làm, người có công, công vụ (Sở Nội vụ)
    _q(
        "lao-dong-viec-lam",
        "Hồ sơ hưởng trợ cấp thất nghiệp",
        "Tôi bị công ty chấm dứt hợp đồng lao động, đã đóng bảo hiểm thất nghiệp {years} năm. "
        "Hồ sơ hưởng trợ cấp thất nghiệp nộp ở đâu và trong thời hạn nào?",
        "Trong 03 tháng kể từ ngày chấm dứt hợp đồng, người lao động nộp hồ sơ đề nghị hưởng "
        "trợ cấp thất nghiệp tại Trung tâm Dịch vụ việc làm thuộc Sở Nội vụ, gồm đơn đề nghị, "
        "quyết định thôi việc và sổ bảo hiểm xã hội. Mức hưởng hằng tháng bằng 60% bình quân "
        "tiền lương đóng bảo hiểm thất nghiệp của 06 tháng liền kề trước khi thất nghiệp.",
        "Luật Việc làm năm 2013; Nghị định số 28/2015/NĐ-CP",
    ),
    _q(
        "lao-dong-viec-lam",
        "Công ty không trả lương làm thêm giờ ngày lễ",
        "Tôi làm ca vào ngày Quốc khánh nhưng công ty chỉ trả lương như ngày thường. Như vậy có "
        "đúng luật không?",
        "Theo Điều 98 Bộ luật Lao động năm 2019, người lao động làm thêm giờ vào ngày lễ, tết "
        "được trả ít nhất bằng 300% tiền lương, chưa kể tiền lương ngày lễ được hưởng nguyên "
        "lương. Ông/bà đề nghị công ty trả đủ; nếu không được giải quyết có thể gửi phản ánh "
        "đến Sở Nội vụ hoặc yêu cầu hòa giải viên lao động.",
        "Điều 98 Bộ luật Lao động năm 2019",
    ),
    _q(
        "lao-dong-viec-lam",
        "Xin giấy phép lao động cho chuyên gia nước ngoài",
        "Công ty tôi muốn tuyển một kỹ sư người Nhật làm việc 2 năm. Thủ tục xin giấy phép lao "
        "động nộp ở đâu?",
        "Theo Nghị định số 152/2020/NĐ-CP (sửa đổi bởi Nghị định số 70/2023/NĐ-CP), người sử "
        "dụng lao động phải báo cáo giải trình nhu cầu sử dụng lao động nước ngoài trước khi "
        "tuyển, sau đó nộp hồ sơ cấp giấy phép lao động. Ở cấp tỉnh, hồ sơ nộp tại Sở Nội vụ "
        "hoặc trên Cổng Dịch vụ công; giấy phép có thời hạn tối đa 02 năm.",
        "Nghị định số 152/2020/NĐ-CP; Nghị định số 70/2023/NĐ-CP",
    ),
    _q(
        "lao-dong-viec-lam",
        "Điều kiện đi làm việc ở Hàn Quốc theo chương trình EPS",
        "Con tôi 22 tuổi, muốn đăng ký đi làm việc ở Hàn Quốc theo chương trình của Nhà nước. "
        "Đăng ký ở đâu và chi phí bao nhiêu?",
        "Chương trình cấp phép việc làm (EPS) do Trung tâm Lao động ngoài nước thực hiện; người "
        "lao động đăng ký dự thi tiếng Hàn theo thông báo tuyển chọn và đăng ký qua Sở Nội vụ. "
        "Chi phí thấp, người lao động chỉ nộp các khoản theo quy định của Luật Người lao động "
        "Việt Nam đi làm việc ở nước ngoài theo hợp đồng năm 2020; cần cảnh giác với môi giới.",
        "Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng năm 2020",
    ),
    _q(
        "lao-dong-viec-lam",
        "Hồ sơ hưởng trợ cấp cho thân nhân liệt sĩ",
        "Bác tôi là liệt sĩ, bà nội đã mất, nay bố tôi là em ruột có được hưởng chế độ thờ cúng "
        "liệt sĩ không?",
        "Theo Pháp lệnh Ưu đãi người có công với cách mạng năm 2020 và Nghị định số "
        "131/2021/NĐ-CP, khi liệt sĩ không còn thân nhân, người thờ cúng liệt sĩ được hưởng trợ "
        "cấp thờ cúng mỗi năm một lần. Gia đình lập biên bản ủy quyền thờ cúng, nộp tại Ủy ban "
        "nhân dân xã để chuyển Sở Nội vụ giải quyết.",
        "Pháp lệnh Ưu đãi người có công với cách mạng năm 2020; Nghị định số 131/2021/NĐ-CP",
    ),
    _q(
        "lao-dong-viec-lam",
        "Thi tuyển công chức cấp xã sau khi sắp xếp",
        "Sau sắp xếp chính quyền hai cấp, xã có còn tổ chức thi tuyển công chức không? Tôi tốt "
        "nghiệp luật muốn dự tuyển thì theo dõi thông báo ở đâu?",
        "Theo Luật Cán bộ, công chức năm 2025, công chức cấp xã thống nhất với công chức nói "
        "chung và được tuyển dụng theo vị trí việc làm còn thiếu. Thông báo tuyển dụng đăng "
        "trên cổng thông tin của Ủy ban nhân dân tỉnh, Sở Nội vụ và trụ sở cơ quan tuyển dụng; "
        "hiện tỉnh ưu tiên bố trí cán bộ dôi dư sau sắp xếp trước khi tuyển mới.",
        "Luật Cán bộ, công chức năm 2025",
    ),
    _q(
        "lao-dong-viec-lam",
        "Người lao động tự ý nghỉ việc có được trả sổ bảo hiểm",
        "Tôi báo trước 30 ngày rồi nghỉ việc nhưng công ty giữ sổ bảo hiểm xã hội và chưa trả "
        "lương tháng cuối. Công ty làm vậy có đúng không?",
        "Theo Điều 48 Bộ luật Lao động năm 2019, trong 14 ngày làm việc kể từ ngày chấm dứt hợp "
        "đồng, hai bên phải thanh toán đầy đủ các khoản liên quan; người sử dụng lao động phải "
        "hoàn thành thủ tục xác nhận thời gian đóng bảo hiểm xã hội và trả lại giấy tờ. Hành vi "
        "vi phạm bị xử phạt theo Nghị định số 12/2022/NĐ-CP; Sở Nội vụ sẽ kiểm tra khi có đơn.",
        "Điều 48 Bộ luật Lao động năm 2019; Nghị định số 12/2022/NĐ-CP",
    ),
    _q(
        "lao-dong-viec-lam",
        "Đề nghị khen thưởng cho cá nhân có thành tích",
        "Thôn tôi có một người dân dũng cảm cứu người đuối nước. Làm thế nào để đề nghị khen "
        "thưởng cho anh ấy?",
        "Theo Luật Thi đua, khen thưởng năm 2022, cá nhân có hành động dũng cảm cứu người được "
        "xét khen thưởng đột xuất. Ủy ban nhân dân xã lập hồ sơ gồm tờ trình và báo cáo tóm tắt "
        "thành tích, đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen; Sở Nội vụ thẩm định "
        "hồ sơ khen thưởng.",
        "Luật Thi đua, khen thưởng năm 2022",
    ),
    # --- Doanh nghiệp, đầu tư (Sở Tài chính; household businesses at the commune)
    _q(
        "doanh-nghiep-dau-tu",
        "Đăng ký hộ kinh doanh quán cà phê",
        "Tôi muốn mở quán cà phê nhỏ tại nhà ở {place}. Có phải đăng ký hộ kinh doanh không và "
        "nộp hồ sơ ở đâu?",
        "Hộ kinh doanh đăng ký tại Ủy ban nhân dân xã nơi đặt địa điểm kinh doanh theo Nghị định "
        "số 168/2025/NĐ-CP về đăng ký doanh nghiệp. Hồ sơ gồm giấy đề nghị đăng ký hộ kinh "
        "doanh, bản sao giấy tờ pháp lý của chủ hộ; giấy chứng nhận được cấp trong 03 ngày làm "
        "việc. Kinh doanh ăn uống còn phải đáp ứng điều kiện an toàn thực phẩm.",
        "Nghị định số 168/2025/NĐ-CP",
        commune_level=True,
    ),
    _q(
        "doanh-nghiep-dau-tu",
        "Thành lập công ty trách nhiệm hữu hạn một thành viên",
        "Tôi muốn thành lập công ty TNHH một thành viên kinh doanh vật liệu xây dựng. Hồ sơ gồm "
        "những gì và có cần vốn tối thiểu không?",
        "Theo Luật Doanh nghiệp năm 2020, hồ sơ gồm giấy đề nghị đăng ký doanh nghiệp, điều lệ "
        "công ty và bản sao giấy tờ pháp lý của chủ sở hữu; ngành vật liệu xây dựng không yêu "
        "cầu vốn pháp định. Hồ sơ nộp trực tuyến qua Cổng thông tin quốc gia về đăng ký doanh "
        "nghiệp, Phòng Đăng ký kinh doanh thuộc Sở Tài chính giải quyết trong 03 ngày làm việc.",
        "Luật Doanh nghiệp năm 2020; Nghị định số 168/2025/NĐ-CP",
    ),
    _q(
        "doanh-nghiep-dau-tu",
        "Tạm ngừng kinh doanh công ty một năm",
        "Công ty tôi làm ăn khó khăn, muốn tạm ngừng kinh doanh 12 tháng. Phải thông báo trước "
        "bao lâu và có phải nộp thuế môn bài không?",
        "Doanh nghiệp tạm ngừng kinh doanh phải thông báo cho Phòng Đăng ký kinh doanh chậm "
        "nhất 03 ngày làm việc trước ngày tạm ngừng theo Điều 206 Luật Doanh nghiệp năm 2020. "
        "Nếu tạm ngừng trọn năm dương lịch và thông báo trước thời hạn nộp lệ phí môn bài thì "
        "không phải nộp lệ phí môn bài năm đó.",
        "Điều 206 Luật Doanh nghiệp năm 2020",
    ),
    _q(
        "doanh-nghiep-dau-tu",
        "Chấp thuận chủ trương đầu tư dự án khu du lịch",
        "Doanh nghiệp chúng tôi muốn đầu tư khu du lịch sinh thái khoảng 20 ha tại tỉnh. Thủ "
        "tục chấp thuận chủ trương đầu tư bắt đầu từ đâu?",
        "Dự án có đề nghị Nhà nước giao đất, cho thuê đất phải được chấp thuận chủ trương đầu "
        "tư theo Luật Đầu tư năm 2020. Nhà đầu tư nộp hồ sơ tại Sở Tài chính (cơ quan đăng ký "
        "đầu tư) để lấy ý kiến các sở, ngành, trình Ủy ban nhân dân tỉnh; dự án phải phù hợp "
        "quy hoạch tỉnh và quy hoạch sử dụng đất.",
        "Luật Đầu tư năm 2020",
    ),
    _q(
        "doanh-nghiep-dau-tu",
        "Thành lập hợp tác xã nông nghiệp",
        "Mười hộ trồng rau ở {place} muốn lập hợp tác xã để bán hàng cho siêu thị. Thủ tục thành "
        "lập thế nào?",
        "Theo Luật Hợp tác xã năm 2023, hợp tác xã cần ít nhất 05 thành viên chính thức, tổ chức "
        "hội nghị thành lập, thông qua điều lệ và bầu hội đồng quản trị hoặc giám đốc. Hồ sơ "
        "đăng ký nộp tại cơ quan đăng ký kinh doanh cấp tỉnh hoặc cấp xã theo quy định; hợp tác "
        "xã nông nghiệp được hưởng chính sách hỗ trợ của Nhà nước.",
        "Luật Hợp tác xã năm 2023",
    ),
    _q(
        "doanh-nghiep-dau-tu",
        "Hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số",
        "Doanh nghiệp nhỏ của tôi muốn dùng phần mềm kế toán và bán hàng trực tuyến. Nhà nước có "
        "hỗ trợ chi phí không?",
        "Theo Luật Hỗ trợ doanh nghiệp nhỏ và vừa năm 2017 và Nghị định số 80/2021/NĐ-CP, doanh "
        "nghiệp nhỏ và vừa được hỗ trợ một phần chi phí thuê, mua giải pháp chuyển đổi số và "
        "tư vấn. Doanh nghiệp nộp hồ sơ đề nghị hỗ trợ tại Sở Tài chính theo kế hoạch hỗ trợ "
        "hằng năm của tỉnh.",
        "Luật Hỗ trợ doanh nghiệp nhỏ và vừa năm 2017; Nghị định số 80/2021/NĐ-CP",
    ),
    _q(
        "doanh-nghiep-dau-tu",
        "Đổi tên và địa chỉ trụ sở công ty sau sáp nhập tỉnh",
        "Địa chỉ trụ sở công ty tôi ghi tên huyện cũ. Sau sáp nhập tỉnh và bỏ cấp huyện, công ty "
        "có bắt buộc làm thủ tục thay đổi địa chỉ không?",
        "Doanh nghiệp không bắt buộc cập nhật ngay địa chỉ trụ sở khi thay đổi địa giới hành "
        "chính; giấy chứng nhận đăng ký doanh nghiệp vẫn có giá trị. Khi có nhu cầu, doanh "
        "nghiệp đăng ký thay đổi địa chỉ mà không mất lệ phí theo hướng dẫn của Bộ Tài chính, "
        "nộp trực tuyến qua Cổng thông tin quốc gia về đăng ký doanh nghiệp.",
        "Luật Doanh nghiệp năm 2020",
    ),
    # --- Văn hóa, thể thao, du lịch; báo chí
    _q(
        "van-hoa-du-lich",
        "Điều kiện kinh doanh dịch vụ karaoke",
        "Tôi muốn mở quán karaoke 4 phòng tại {place}. Điều kiện về diện tích phòng và phòng "
        "cháy chữa cháy như thế nào?",
        "Theo Nghị định số 54/2019/NĐ-CP, cơ sở kinh doanh karaoke phải là doanh nghiệp hoặc "
        "hộ kinh doanh đã đăng ký, bảo đảm phòng cháy chữa cháy, phòng hát rộng từ 20 m² trở "
        "lên không kể công trình phụ và không đặt chốt cửa bên trong. Hồ sơ xin giấy phép nộp "
        "tại cơ quan có thẩm quyền của tỉnh.",
        "Nghị định số 54/2019/NĐ-CP",
    ),
    _q(
        "van-hoa-du-lich",
        "Đăng ký homestay đón khách du lịch",
        "Gia đình tôi ở {place} muốn sửa nhà đón khách lưu trú kiểu homestay. Cần đáp ứng điều "
        "kiện gì?",
        "Theo Luật Du lịch năm 2017, homestay là loại cơ sở lưu trú du lịch; cơ sở phải đăng ký "
        "kinh doanh, bảo đảm an ninh trật tự, phòng cháy chữa cháy, vệ sinh môi trường, an toàn "
        "thực phẩm và điều kiện tối thiểu về cơ sở vật chất, đồng thời thông báo lưu trú với "
        "Công an xã. Sở Văn hóa, Thể thao và Du lịch khuyến khích hộ tham gia du lịch cộng đồng.",
        "Luật Du lịch năm 2017",
    ),
    _q(
        "van-hoa-du-lich",
        "Cấp thẻ hướng dẫn viên du lịch nội địa",
        "Tôi tốt nghiệp cao đẳng ngành khác, đã học chứng chỉ nghiệp vụ hướng dẫn du lịch. Xin "
        "hỏi thủ tục cấp thẻ hướng dẫn viên nội địa?",
        "Theo Luật Du lịch năm 2017, người có trình độ trung cấp trở lên chuyên ngành khác phải "
        "có chứng chỉ nghiệp vụ hướng dẫn du lịch nội địa. Hồ sơ gồm đơn, bản sao văn bằng, "
        "chứng chỉ, giấy khám sức khỏe và ảnh, nộp tại Sở Văn hóa, Thể thao và Du lịch; thẻ cấp "
        "trong 10 ngày, có thời hạn 05 năm.",
        "Luật Du lịch năm 2017",
    ),
    _q(
        "van-hoa-du-lich",
        "Tổ chức lễ hội truyền thống của làng",
        "Làng tôi có lễ hội đình truyền thống mỗi năm một lần. Ban tổ chức có phải đăng ký với "
        "chính quyền không?",
        "Theo Nghị định số 110/2018/NĐ-CP về quản lý và tổ chức lễ hội, lễ hội truyền thống "
        "diễn ra hằng năm chỉ phải thông báo với Ủy ban nhân dân cấp xã trước khi tổ chức; lễ "
        "hội mới tổ chức lần đầu hoặc khôi phục sau thời gian gián đoạn phải đăng ký. Sở Văn "
        "hóa, Thể thao và Du lịch hướng dẫn nghiệp vụ bảo tồn di sản lễ hội.",
        "Nghị định số 110/2018/NĐ-CP",
    ),
    _q(
        "van-hoa-du-lich",
        "Sửa chữa đình làng là di tích cấp tỉnh",
        "Đình làng tôi là di tích cấp tỉnh, mái đã dột nặng. Người dân muốn góp tiền tu bổ thì "
        "phải xin phép ai?",
        "Theo Luật Di sản văn hóa năm 2024, việc tu bổ, phục hồi di tích phải có dự án hoặc báo "
        "cáo kinh tế – kỹ thuật được cơ quan có thẩm quyền thẩm định, bảo đảm giữ gìn yếu tố "
        "gốc. Ban quản lý di tích lập hồ sơ gửi Sở Văn hóa, Thể thao và Du lịch cho ý kiến; "
        "việc đóng góp của nhân dân được khuyến khích và công khai.",
        "Luật Di sản văn hóa năm 2024",
    ),
    _q(
        "van-hoa-du-lich",
        "Cấp phép xuất bản bản tin nội bộ của doanh nghiệp",
        "Công ty tôi muốn phát hành bản tin nội bộ hằng quý. Có phải xin giấy phép xuất bản tài "
        "liệu không kinh doanh không?",
        "Theo Luật Xuất bản năm 2012, bản tin, tài liệu không kinh doanh phải có giấy phép xuất "
        "bản do cơ quan quản lý nhà nước về xuất bản cấp tỉnh cấp. Từ tháng 3/2025 lĩnh vực báo "
        "chí, xuất bản chuyển về ngành văn hóa; hồ sơ nộp tại Sở Văn hóa, Thể thao và Du lịch.",
        "Luật Xuất bản năm 2012",
        misrouted=(
            "so-khoa-hoc-cong-nghe",
            "Từ tháng 3/2025 quản lý báo chí, xuất bản chuyển sang Sở Văn hóa, Thể thao và Du "
            "lịch; chuyển để trả lời theo thẩm quyền.",
        ),
    ),
]
SUBJECTS += [
    # --- Công thương
    _q(
        "cong-thuong",
        "Chủ nhà trọ thu tiền điện cao hơn giá quy định",
        "Tôi thuê phòng trọ ở {place}, chủ nhà thu tiền điện 4.000 đồng mỗi số. Như vậy có đúng "
        "quy định không?",
        "Theo quy định của Bộ Công Thương về giá bán điện, người cho thuê nhà để ở kê khai số "
        "người thuê để được cấp định mức, cứ 04 người tính là một hộ sử dụng điện theo giá bán "
        "lẻ bậc thang; chủ nhà không được thu cao hơn giá bên bán điện áp dụng. Ông/bà có thể "
        "phản ánh đến Sở Công Thương hoặc điện lực địa phương để được kiểm tra.",
        "Luật Điện lực năm 2024",
    ),
    _q(
        "cong-thuong",
        "Lắp điện mặt trời mái nhà tự dùng",
        "Gia đình tôi muốn lắp điện mặt trời trên mái nhà khoảng 5 kWp để tự dùng. Có phải xin "
        "phép hay thông báo với cơ quan nào không?",
        "Theo Luật Điện lực năm 2024 và quy định của Chính phủ về điện mặt trời mái nhà tự sản "
        "xuất, tự tiêu thụ, hộ gia đình lắp hệ thống dưới 100 kW được miễn giấy phép hoạt động "
        "điện lực, chỉ cần thông báo với Sở Công Thương và đơn vị điện lực, bảo đảm an toàn "
        "điện và phòng cháy. Lượng điện dư phát lên lưới được xử lý theo quy định hiện hành.",
        "Luật Điện lực năm 2024",
    ),
    _q(
        "cong-thuong",
        "Giấy phép bán lẻ rượu cho cửa hàng tạp hóa",
        "Cửa hàng tạp hóa của tôi muốn bán rượu đóng chai. Có phải xin giấy phép bán lẻ rượu "
        "không?",
        "Theo Nghị định số 105/2017/NĐ-CP (sửa đổi bởi Nghị định số 17/2020/NĐ-CP), bán lẻ rượu "
        "có độ cồn từ 5,5 độ trở lên phải có giấy phép bán lẻ rượu; rượu dưới 5,5 độ chỉ cần "
        "đăng ký kinh doanh. Hộ kinh doanh nộp hồ sơ tại cơ quan có thẩm quyền cấp xã, Sở Công "
        "Thương hướng dẫn chung.",
        "Nghị định số 105/2017/NĐ-CP; Nghị định số 17/2020/NĐ-CP",
    ),
    _q(
        "cong-thuong",
        "Mua hàng trực tuyến bị giao sai, không được đổi trả",
        "Tôi mua máy lọc nước trên một trang bán hàng trực tuyến, hàng giao sai mẫu nhưng người "
        "bán không cho đổi. Tôi có thể khiếu nại ở đâu?",
        "Luật Bảo vệ quyền lợi người tiêu dùng năm 2023 yêu cầu người bán trên không gian mạng "
        "cung cấp thông tin trung thực và thực hiện chính sách đổi trả đã công bố. Ông/bà gửi "
        "yêu cầu tới sàn thương mại điện tử, nếu không được giải quyết thì gửi đơn tới Sở Công "
        "Thương hoặc tổ chức xã hội bảo vệ người tiêu dùng để được hỗ trợ.",
        "Luật Bảo vệ quyền lợi người tiêu dùng năm 2023",
    ),
    _q(
        "cong-thuong",
        "Đăng ký chương trình khuyến mại bốc thăm trúng thưởng",
        "Siêu thị mini của tôi muốn tổ chức quay số trúng thưởng cho khách mua hàng trong tháng "
        "Tết. Có phải đăng ký với cơ quan nào không?",
        "Theo Nghị định số 81/2018/NĐ-CP, khuyến mại mang tính may rủi thực hiện trên địa bàn "
        "một tỉnh phải đăng ký với Sở Công Thương trước khi thực hiện; tổng giá trị giải thưởng "
        "không vượt 50% giá trị hàng hóa khuyến mại. Hồ sơ nộp trực tuyến trên Cổng Dịch vụ "
        "công.",
        "Nghị định số 81/2018/NĐ-CP",
    ),
    # --- Khoa học, công nghệ và chuyển đổi số
    _q(
        "khoa-hoc-cong-nghe",
        "Đăng ký chữ ký số cho người dân",
        "Người dân muốn ký số hồ sơ nộp trực tuyến thì đăng ký chữ ký số ở đâu, có mất phí không?",
        "Theo Luật Giao dịch điện tử năm 2023, người dân có thể dùng chữ ký số công cộng của các "
        "tổ chức được cấp phép hoặc chữ ký số trên thiết bị di động. Nhiều thủ tục trên Cổng "
        "Dịch vụ công chỉ cần đăng nhập bằng tài khoản định danh điện tử mức 2; Sở Khoa học và "
        "Công nghệ phối hợp các doanh nghiệp hỗ trợ chữ ký số cho người dân.",
        "Luật Giao dịch điện tử năm 2023",
    ),
    _q(
        "khoa-hoc-cong-nghe",
        "Cân điện tử ở chợ bị thiếu khối lượng",
        "Tôi đi chợ mua thịt, cân lại ở nhà thấy thiếu gần 2 lạng. Cơ quan nào kiểm tra cân của "
        "tiểu thương?",
        "Theo Luật Đo lường năm 2011, cân dùng trong mua bán phải được kiểm định và người bán "
        "phải bảo đảm lượng hàng đúng. Sở Khoa học và Công nghệ tổ chức kiểm tra đo lường tại "
        "chợ, phối hợp ban quản lý chợ đặt cân đối chứng; hành vi gian lận bị xử phạt theo quy "
        "định.",
        "Luật Đo lường năm 2011",
    ),
    _q(
        "khoa-hoc-cong-nghe",
        "Đăng ký nhãn hiệu cho sản phẩm đặc sản địa phương",
        "Cơ sở tôi làm bánh tráng muốn đăng ký nhãn hiệu để tránh bị làm giả. Nộp đơn ở đâu và "
        "bao lâu thì được cấp?",
        "Đơn đăng ký nhãn hiệu nộp tại Cục Sở hữu trí tuệ, trực tiếp hoặc trực tuyến, theo Luật "
        "Sở hữu trí tuệ năm 2005 (sửa đổi năm 2022). Sở Khoa học và Công nghệ hướng dẫn lập "
        "hồ sơ và có chương trình hỗ trợ chi phí đăng ký cho sản phẩm chủ lực của tỉnh; thời "
        "gian thẩm định theo luật khoảng 12 tháng.",
        "Luật Sở hữu trí tuệ năm 2005, sửa đổi, bổ sung năm 2022",
    ),
    _q(
        "khoa-hoc-cong-nghe",
        "Tin nhắn rác và cuộc gọi lừa đảo mạo danh",
        "Tôi liên tục nhận cuộc gọi mạo danh cơ quan thuế yêu cầu cài ứng dụng. Phản ánh ở đâu "
        "để chặn số điện thoại này?",
        "Người dân phản ánh cuộc gọi, tin nhắn rác qua đầu số 156 hoặc 5656 của hệ thống tiếp "
        "nhận do Bộ Khoa học và Công nghệ quản lý, theo Nghị định số 91/2020/NĐ-CP. Doanh nghiệp "
        "viễn thông sẽ xác minh và chặn thuê bao vi phạm; dấu hiệu lừa đảo chiếm đoạt tài sản "
        "cần báo ngay cho Công an.",
        "Nghị định số 91/2020/NĐ-CP",
    ),
    _q(
        "khoa-hoc-cong-nghe",
        "Xin chuẩn hóa thông tin thuê bao di động chính chủ",
        "Số điện thoại tôi dùng nhiều năm nhưng đăng ký tên người khác. Làm sao chuyển sang đứng "
        "tên mình để không bị khóa?",
        "Theo Luật Viễn thông năm 2023 và Nghị định số 163/2024/NĐ-CP, thông tin thuê bao phải "
        "trùng khớp với Cơ sở dữ liệu quốc gia về dân cư. Ông/bà cùng chủ thuê bao cũ đến cửa "
        "hàng của nhà mạng làm thủ tục chuyển quyền sử dụng hoặc xác thực qua ứng dụng; Sở Khoa "
        "học và Công nghệ giám sát việc chuẩn hóa thuê bao trên địa bàn.",
        "Luật Viễn thông năm 2023; Nghị định số 163/2024/NĐ-CP",
    ),
    # --- Dân tộc, tôn giáo
    _q(
        "dan-toc-ton-giao",
        "Đăng ký sinh hoạt tôn giáo tập trung",
        "Một nhóm tín đồ ở {place} muốn đăng ký sinh hoạt tôn giáo tập trung tại nhà một tín "
        "đồ. Thủ tục đăng ký như thế nào?",
        "Theo Luật Tín ngưỡng, tôn giáo năm 2016, người đại diện nhóm tín đồ gửi văn bản đăng "
        "ký sinh hoạt tôn giáo tập trung đến Ủy ban nhân dân cấp xã nơi có địa điểm, nêu tên tôn "
        "giáo, địa điểm, người đại diện, số tín đồ và nội dung sinh hoạt. Ủy ban nhân dân xã "
        "trả lời bằng văn bản; trường hợp từ chối phải nêu rõ lý do.",
        "Luật Tín ngưỡng, tôn giáo năm 2016; Nghị định số 95/2023/NĐ-CP",
    ),
    _q(
        "dan-toc-ton-giao",
        "Hỗ trợ nhà ở cho hộ đồng bào dân tộc thiểu số nghèo",
        "Gia đình tôi là người dân tộc thiểu số thuộc hộ nghèo, nhà tạm bị dột nát. Có chương "
        "trình nào hỗ trợ làm nhà không?",
        "Chương trình mục tiêu quốc gia phát triển kinh tế – xã hội vùng đồng bào dân tộc thiểu "
        "số và miền núi hỗ trợ hộ nghèo dân tộc thiểu số xây mới, sửa chữa nhà ở. Trưởng thôn "
        "lập danh sách, Ủy ban nhân dân xã bình xét và đề nghị; Sở Dân tộc và Tôn giáo tổng hợp, "
        "hướng dẫn mức hỗ trợ theo kế hoạch của tỉnh.",
        "Quyết định số 1719/QĐ-TTg ngày 14/10/2021",
    ),
    _q(
        "dan-toc-ton-giao",
        "Sửa chữa, cải tạo chùa có phải xin phép",
        "Chùa ở thôn tôi muốn nâng nền và làm lại mái. Ban hộ tự có phải xin ý kiến cơ quan "
        "quản lý tôn giáo không?",
        "Theo Luật Tín ngưỡng, tôn giáo năm 2016, việc cải tạo, nâng cấp, xây dựng mới công "
        "trình tôn giáo phải có ý kiến bằng văn bản của cơ quan quản lý nhà nước về tín ngưỡng, "
        "tôn giáo cấp tỉnh trước khi xin giấy phép xây dựng (nếu thuộc diện phải có). Hồ sơ gửi "
        "Sở Dân tộc và Tôn giáo; sửa chữa nhỏ không làm thay đổi kết cấu chỉ cần thông báo.",
        "Luật Tín ngưỡng, tôn giáo năm 2016",
    ),
    # --- Thanh tra tỉnh (information questions, not complaints)
    _q(
        "tu-phap",
        "Lịch tiếp công dân của lãnh đạo tỉnh",
        "Tôi muốn gặp trực tiếp lãnh đạo tỉnh để trình bày kiến nghị. Lịch tiếp công dân định kỳ "
        "được tổ chức vào ngày nào, đăng ký ra sao?",
        "Theo Luật Tiếp công dân năm 2013, Chủ tịch Ủy ban nhân dân tỉnh tiếp công dân định kỳ "
        "ít nhất 01 ngày trong tháng tại Trụ sở tiếp công dân tỉnh; lịch tiếp được thông báo "
        "công khai. Công dân mang căn cước và đơn trình bày; Thanh tra tỉnh và Ban Tiếp công dân "
        "phối hợp chuẩn bị nội dung.",
        "Luật Tiếp công dân năm 2013",
        unit="thanh-tra-tinh",
    ),
    _q(
        "tu-phap",
        "Thời hạn giải quyết khiếu nại lần đầu",
        "Tôi đã gửi đơn khiếu nại quyết định hành chính được 40 ngày mà chưa có kết quả. Thời "
        "hạn giải quyết theo luật là bao lâu?",
        "Theo Điều 28 Luật Khiếu nại năm 2011, thời hạn giải quyết khiếu nại lần đầu không quá "
        "30 ngày kể từ ngày thụ lý, vụ việc phức tạp không quá 45 ngày; vùng sâu, vùng xa có thể "
        "kéo dài hơn. Quá thời hạn mà chưa được giải quyết, ông/bà có quyền khiếu nại lần hai "
        "hoặc khởi kiện; Thanh tra tỉnh theo dõi, đôn đốc việc giải quyết.",
        "Điều 28 Luật Khiếu nại năm 2011",
        unit="thanh-tra-tinh",
    ),
    _q(
        "tu-phap",
        "Đối tượng phải kê khai tài sản, thu nhập",
        "Tôi là viên chức trường học, không giữ chức vụ. Tôi có thuộc diện phải kê khai tài sản, "
        "thu nhập hằng năm không?",
        "Theo Luật Phòng, chống tham nhũng năm 2018 và Nghị định số 130/2020/NĐ-CP, người có "
        "nghĩa vụ kê khai gồm cán bộ, công chức, người giữ chức vụ từ phó trưởng phòng trở lên "
        "và một số vị trí công tác nhất định. Kê khai hằng năm áp dụng với chức vụ từ giám đốc "
        "sở và tương đương trở lên hoặc vị trí quản lý tài chính, công sản; Thanh tra tỉnh "
        "hướng dẫn danh mục vị trí.",
        "Luật Phòng, chống tham nhũng năm 2018; Nghị định số 130/2020/NĐ-CP",
        unit="thanh-tra-tinh",
    ),
    # --- Local matters of the commune
    _q(
        "moi-truong",
        "Lấn chiếm vỉa hè bày bán hàng hóa",
        "Nhiều cửa hàng trên trục đường chính ở {place} bày hàng tràn ra vỉa hè, người đi bộ "
        "phải xuống lòng đường. Đề nghị chính quyền xử lý.",
        "Ủy ban nhân dân xã đã giao lực lượng trật tự đô thị kiểm tra, nhắc nhở các hộ kinh "
        "doanh và xử phạt trường hợp tái phạm theo Nghị định số 168/2024/NĐ-CP. Việc sử dụng "
        "tạm thời một phần vỉa hè phải được cấp phép theo Luật Đường bộ năm 2024; xã sẽ duy "
        "trì kiểm tra định kỳ trên tuyến.",
        "Luật Đường bộ năm 2024; Nghị định số 168/2024/NĐ-CP",
        commune_level=True,
    ),
    _q(
        "moi-truong",
        "Chó thả rông không rọ mõm trong khu dân cư",
        "Trong xóm tôi ở {place} nhiều nhà thả chó ra đường không rọ mõm, trẻ em đã bị cắn. "
        "Chính quyền có xử lý không?",
        "Theo Luật Thú y năm 2015, chủ nuôi chó phải đăng ký với Ủy ban nhân dân xã, tiêm phòng "
        "dại và không thả rông nơi công cộng; đưa chó ra nơi công cộng phải rọ mõm, xích giữ. "
        "Ủy ban nhân dân xã đã thống kê đàn chó, tổ chức tiêm phòng và sẽ xử phạt chủ nuôi vi "
        "phạm.",
        "Luật Thú y năm 2015",
        commune_level=True,
    ),
    _q(
        "xay-dung",
        "Đèn chiếu sáng đường thôn bị hỏng lâu ngày",
        "Đường trục thôn ở {place} có nhiều bóng đèn chiếu sáng hỏng hơn hai tháng, buổi tối "
        "rất tối. Ai chịu trách nhiệm sửa?",
        "Hệ thống chiếu sáng đường thôn, xóm do Ủy ban nhân dân xã quản lý, vận hành theo phân "
        "cấp quản lý hạ tầng kỹ thuật. Xã đã kiểm tra, lập danh sách bóng hỏng và giao đơn vị "
        "duy trì thay thế trong tháng; người dân có thể báo hỏng qua đường dây nóng của xã.",
        "Nghị định số 79/2009/NĐ-CP",
        commune_level=True,
    ),
    _q(
        "tu-phap",
        "Chứng thực chữ ký trên giấy ủy quyền",
        "Tôi đi làm xa, muốn ủy quyền cho mẹ ở {place} nhận hộ giấy tờ. Giấy ủy quyền chứng "
        "thực chữ ký ở đâu?",
        "Theo Nghị định số 23/2015/NĐ-CP, giấy ủy quyền không có thù lao, không chuyển quyền sở "
        "hữu tài sản được chứng thực chữ ký tại Ủy ban nhân dân xã hoặc tổ chức hành nghề công "
        "chứng; người ủy quyền ký trước mặt người thực hiện chứng thực. Ủy quyền liên quan bất "
        "động sản thì phải lập hợp đồng ủy quyền công chứng.",
        "Nghị định số 23/2015/NĐ-CP",
        commune_level=True,
    ),
]

# Questions for the two legacy records answered by units that no longer exist (before the
# March 2025 merger): they keep their unit; reports map it to the successor.
LEGACY = [
    {
        "unit": "so-tai-nguyen-moi-truong",
        "category": "dat-dai",
        "title": "Gia hạn thời hạn sử dụng đất nông nghiệp",
        "body": "Đất trồng cây hằng năm của gia đình tôi được giao từ năm 1994 đã hết thời hạn "
        "sử dụng. Xin hỏi có phải làm thủ tục gia hạn không?",
        "answer": "Hộ gia đình, cá nhân trực tiếp sản xuất nông nghiệp được giao đất nông nghiệp "
        "trong hạn mức khi hết thời hạn sử dụng đất thì được tiếp tục sử dụng đất mà không phải "
        "làm thủ tục gia hạn; việc xác nhận thời hạn được thực hiện khi có nhu cầu đăng ký biến "
        "động hoặc cấp đổi giấy chứng nhận.",
        "refs": "Luật Đất đai",
        "received": date(2025, 1, 8),
    },
    {
        "unit": "so-giao-thong-van-tai",
        "category": "giao-thong",
        "title": "Đổi giấy phép lái xe bằng giấy sang thẻ PET",
        "body": "Giấy phép lái xe mô tô của tôi là loại bằng giấy cấp trước năm 2012. Xin hỏi có "
        "bắt buộc phải đổi sang thẻ PET không?",
        "answer": "Giấy phép lái xe mô tô không thời hạn bằng giấy vẫn có giá trị sử dụng; việc "
        "đổi sang vật liệu PET được khuyến khích để thuận tiện quản lý, tra cứu. Hồ sơ đổi nộp "
        "tại Sở Giao thông vận tải hoặc trực tuyến trên Cổng Dịch vụ công quốc gia.",
        "refs": "",
        "received": date(2025, 2, 10),
    },
]

# --- Texts for the other moves --------------------------------------------------------------------

CLARIFICATION_REQUESTS = [
    "Đề nghị ông/bà cho biết thửa đất hoặc hồ sơ đã được cơ quan nào tiếp nhận, giải quyết lần "
    "nào chưa để chúng tôi trả lời chính xác.",
    "Đề nghị ông/bà cung cấp thêm thông tin về thời điểm phát sinh sự việc và các giấy tờ hiện "
    "có liên quan.",
    "Ông/bà vui lòng cho biết đã nộp hồ sơ trực tuyến hay trực tiếp và ngày nộp hồ sơ.",
    "Đề nghị ông/bà nói rõ địa điểm cụ thể (xã, phường) để chuyển đúng bộ phận giải quyết.",
]
CITIZEN_REPLIES = [
    "Tôi xin bổ sung: hồ sơ chưa được nộp ở đâu, gia đình tôi muốn hỏi trước để chuẩn bị.",
    "Sự việc xảy ra từ đầu năm nay, tôi hiện chỉ có giấy tờ viết tay và biên lai nộp thuế.",
    "Tôi đã nộp hồ sơ trực tiếp tại Bộ phận Một cửa cách đây hơn một tháng.",
    "Địa điểm thuộc khu vực trung tâm xã, gần trường tiểu học.",
]
RETURN_REASONS = [
    "Đề nghị nêu rõ căn cứ pháp lý (điều, khoản, văn bản) và bổ sung nơi nộp hồ sơ.",
    "Câu trả lời còn dài, đề nghị viết ngắn gọn, dễ hiểu hơn cho người dân.",
    "Đề nghị cập nhật theo quy định mới có hiệu lực từ ngày 01/7/2025.",
]
TRANSFER_NOTES = [
    "Nội dung thuộc thẩm quyền của đơn vị khác; chuyển để trả lời đúng thẩm quyền.",
]
REOPEN_REASONS = [
    "Câu trả lời chưa nêu rõ thời gian giải quyết hồ sơ là bao lâu.",
    "Tôi đã làm theo hướng dẫn nhưng Bộ phận Một cửa yêu cầu thêm giấy tờ khác, đề nghị giải "
    "thích thêm.",
    "Câu trả lời chưa đề cập trường hợp cụ thể của gia đình tôi.",
]
WITHDRAW_REASONS = [
    "Tôi đã được cán bộ Bộ phận Một cửa hướng dẫn trực tiếp, xin rút câu hỏi.",
    "Tôi gửi nhầm, sẽ gửi lại câu hỏi khác đầy đủ hơn.",
    "",
]
RATING_COMMENTS = {
    5: ["Trả lời rõ ràng, đầy đủ. Cảm ơn!", "Rất hữu ích, cảm ơn cơ quan.", ""],
    4: ["Cảm ơn, câu trả lời dễ hiểu.", ""],
    3: ["Câu trả lời hơi chung chung.", ""],
    2: ["Chưa trả lời đúng trường hợp của tôi."],
}

# Items that are not questions for the administration: rejected with a reason that points the
# citizen to the right procedure (complaints and denunciations are never dropped silently).
REJECTED = [
    {
        "title": "Khiếu nại quyết định thu hồi đất và mức bồi thường",
        "body": "Tôi không đồng ý với quyết định thu hồi đất và phương án bồi thường đối với "
        "thửa đất của gia đình tôi tại {place}. Đề nghị hủy quyết định và xem xét lại mức bồi "
        "thường cho gia đình tôi.",
        "reason": "Nội dung ông/bà gửi là khiếu nại đối với quyết định hành chính về thu hồi đất, "
        "bồi thường, không thuộc phạm vi Hỏi – Đáp. Theo Luật Khiếu nại năm 2011, ông/bà gửi đơn "
        "khiếu nại lần đầu đến người đã ban hành quyết định (Chủ tịch Ủy ban nhân dân cấp xã hoặc "
        "cấp tỉnh theo thẩm quyền), nộp trực tiếp tại Ban Tiếp công dân tỉnh hoặc qua bưu điện. "
        "Thời hiệu khiếu nại là 90 ngày kể từ ngày nhận được quyết định.",
    },
    {
        "title": "Tố cáo cán bộ địa chính gây khó khăn khi làm hồ sơ",
        "body": "Tôi tố cáo cán bộ địa chính xã gây khó khăn, yêu cầu nộp thêm tiền ngoài quy định "
        "khi tôi làm hồ sơ đất đai tại {place}.",
        "reason": "Nội dung ông/bà gửi là tố cáo hành vi của cán bộ, công chức, được giải quyết "
        "theo Luật Tố cáo năm 2018, không qua chuyên mục Hỏi – Đáp. Đề nghị ông/bà gửi đơn tố cáo "
        "ghi rõ họ tên, địa chỉ người tố cáo và nội dung tố cáo đến Chủ tịch Ủy ban nhân dân xã "
        "hoặc Thanh tra tỉnh; thông tin về người tố cáo được giữ bí mật theo quy định.",
    },
    {
        "title": "Tranh chấp lối đi chung với nhà hàng xóm",
        "body": "Nhà hàng xóm xây tường lấn vào lối đi chung giữa hai nhà tại {place}. Đề nghị cơ "
        "quan nhà nước buộc họ phá dỡ bức tường.",
        "reason": "Đây là tranh chấp dân sự giữa các cá nhân, không thuộc phạm vi Hỏi – Đáp. Đề "
        "nghị ông/bà liên hệ tổ hòa giải ở cơ sở hoặc Ủy ban nhân dân xã để được hòa giải; nếu "
        "hòa giải không thành, ông/bà có quyền khởi kiện tại Tòa án nhân dân có thẩm quyền.",
    },
    {
        "title": "Dịch vụ vay tiền nhanh lãi suất thấp",
        "body": "Cung cấp dịch vụ vay tiền nhanh, giải ngân trong ngày, không cần thế chấp. Liên "
        "hệ ngay để được tư vấn.",
        "reason": "Nội dung quảng cáo, không phải câu hỏi gửi cơ quan nhà nước.",
    },
]

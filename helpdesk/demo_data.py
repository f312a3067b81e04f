"""Reference data and question templates of the demo province, as plain Python data.

"Tỉnh An Hòa" is a fictional province shaped like a real one after the reform of 1 July 2025:
two levels of local government (province and commune, no districts), about a dozen
departments (Sở) after the March 2025 department mergers, and a few vertical agencies. Every
person, e-mail address and phone number in the demo is invented; e-mail domains are the
reserved example domains (RFC 2606), so nothing can ever reach a real mailbox.

The question texts are written for this project (subject templates combined with openers,
closers and places by ``seed_demo``); the legal references name real laws so that the demo reads
like a real portal, but the answers are illustrations, not legal advice.

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

# Each subject: a kind of question a portal gets again and again. ``titles`` and ``asks`` are
# alternatives; ``answer`` and ``refs`` are what the unit drafts. ``commune_level``: handled by
# the commune's People's Committee when the asker named a commune. ``unit``: answered by that
# unit whatever the category's default. ``misrouted``: a unit the intake desk sometimes sends it
# to first, with the reason that unit gives when transferring it on.
SUBJECTS = [
    # --- Đất đai
    {
        "category": "dat-dai",
        "commune_level": True,
        "titles": [
            "Thủ tục cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
            "Hồ sơ cấp sổ đỏ lần đầu cho đất sử dụng ổn định",
        ],
        "asks": [
            "Gia đình tôi sử dụng thửa đất số {parcel}, tờ bản đồ số {sheet} từ năm {year}, không "
            "có tranh chấp nhưng đến nay chưa được cấp Giấy chứng nhận quyền sử dụng đất. Xin hỏi "
            "hồ sơ đề nghị cấp giấy chứng nhận lần đầu gồm những giấy tờ gì và nộp ở đâu?",
            "Bố mẹ tôi ở trên mảnh đất khoảng {area} m² từ năm {year}, có đóng thuế đất hằng năm "
            "nhưng chưa có sổ đỏ. Nay muốn làm sổ thì cần chuẩn bị những gì?",
        ],
        "answer": "Theo Luật Đất đai năm 2024 và Nghị định số 101/2024/NĐ-CP của Chính phủ, hộ "
        "gia đình, cá nhân đang sử dụng đất ổn định, không có tranh chấp, phù hợp với quy hoạch "
        "thì được xem xét cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền "
        "với đất. Hồ sơ gồm: đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu; giấy tờ về "
        "quyền sử dụng đất (nếu có); chứng từ thực hiện nghĩa vụ tài chính hoặc giấy tờ về miễn, "
        "giảm nghĩa vụ tài chính (nếu có). Hồ sơ nộp tại Bộ phận Một cửa của Ủy ban nhân dân cấp "
        "xã nơi có đất hoặc tại Chi nhánh Văn phòng đăng ký đất đai. Công chức địa chính xã sẽ "
        "hướng dẫn ông/bà kê khai và kiểm tra hiện trạng sử dụng đất.",
        "refs": "Luật Đất đai năm 2024; Nghị định số 101/2024/NĐ-CP",
    },
    {
        "category": "dat-dai",
        "titles": ["Điều kiện tách thửa đất ở", "Diện tích tối thiểu được tách thửa"],
        "asks": [
            "Tôi có mảnh đất ở diện tích {area} m² tại {place}, muốn tách thửa để tặng cho con. "
            "Xin hỏi diện tích tối thiểu được tách thửa là bao nhiêu và thủ tục thế nào?",
            "Thửa đất số {parcel} của gia đình tôi rộng {area} m². Tôi muốn chia làm hai thửa để "
            "chuyển nhượng một phần thì có được không?",
        ],
        "answer": "Điều 220 Luật Đất đai năm 2024 quy định nguyên tắc, điều kiện tách thửa, hợp "
        "thửa đất: thửa đất đã được cấp giấy chứng nhận, còn thời hạn sử dụng, không có tranh "
        "chấp, không bị kê biên; diện tích tối thiểu và kích thước các cạnh của thửa đất sau khi "
        "tách do Ủy ban nhân dân cấp tỉnh quy định phù hợp với điều kiện của địa phương. Tại tỉnh "
        "An Hòa, ông/bà căn cứ quyết định của Ủy ban nhân dân tỉnh về điều kiện tách thửa, hợp "
        "thửa đất để xác định; hồ sơ đề nghị tách thửa nộp tại Văn phòng đăng ký đất đai hoặc Bộ "
        "phận Một cửa cấp xã.",
        "refs": "Điều 220 Luật Đất đai năm 2024",
    },
    {
        "category": "dat-dai",
        "titles": [
            "Chuyển mục đích sử dụng đất vườn sang đất ở",
            "Xin chuyển đất trồng cây lâu năm thành đất ở",
        ],
        "asks": [
            "Gia đình tôi có {area} m² đất trồng cây lâu năm liền kề đất ở. Nay muốn chuyển sang "
            "đất ở để xây nhà cho con thì phải làm thủ tục gì và nộp tiền sử dụng đất thế nào?",
            "Xin hỏi đất vườn trong cùng thửa với đất ở thì có được chuyển mục đích sang đất ở "
            "không, tiền sử dụng đất được tính ra sao?",
        ],
        "answer": "Việc chuyển mục đích sử dụng đất nông nghiệp sang đất ở thực hiện theo Điều 121 "
        "Luật Đất đai năm 2024 và phải được cơ quan nhà nước có thẩm quyền cho phép, căn cứ kế "
        "hoạch sử dụng đất đã được phê duyệt. Người sử dụng đất nộp đơn đề nghị kèm giấy chứng "
        "nhận; khi được chấp thuận thì nộp tiền sử dụng đất theo Nghị định số 103/2024/NĐ-CP, "
        "được tính bằng chênh lệch giữa tiền sử dụng đất của loại đất sau khi chuyển mục đích và "
        "của loại đất trước khi chuyển mục đích.",
        "refs": "Điều 121 Luật Đất đai năm 2024; Nghị định số 103/2024/NĐ-CP",
    },
    # --- Xây dựng
    {
        "category": "xay-dung",
        "commune_level": True,
        "titles": [
            "Hồ sơ xin giấy phép xây dựng nhà ở riêng lẻ",
            "Thủ tục cấp phép xây nhà ở tại khu dân cư",
        ],
        "asks": [
            "Tôi chuẩn bị xây nhà ở 3 tầng trên diện tích {area} m² tại {place}. Xin hỏi hồ sơ xin "
            "giấy phép xây dựng gồm những gì, nộp ở đâu và bao lâu thì có giấy phép?",
            "Nhà tôi nằm trong khu dân cư hiện hữu, muốn xây mới nhà 2 tầng thì có phải xin phép "
            "không và thời gian cấp phép là bao lâu?",
        ],
        "answer": "Theo Luật Xây dựng năm 2014 (sửa đổi, bổ sung năm 2020) và các văn bản hướng "
        "dẫn, nhà ở riêng lẻ trong khu vực đã có quy hoạch phải có giấy phép xây dựng, trừ các "
        "trường hợp được miễn. Hồ sơ gồm: đơn đề nghị cấp giấy phép xây dựng theo mẫu; bản sao "
        "giấy tờ hợp pháp về đất đai; hai bộ bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt "
        "đứng, móng và đấu nối hạ tầng). Từ ngày 01/7/2025, hồ sơ nộp tại Ủy ban nhân dân cấp xã "
        "nơi xây dựng công trình; thời hạn cấp phép là 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.",
        "refs": "Luật Xây dựng năm 2014, sửa đổi, bổ sung năm 2020",
    },
    {
        "category": "xay-dung",
        "titles": [
            "Sửa chữa nhà có phải xin giấy phép xây dựng không",
            "Cải tạo bên trong nhà ở có cần giấy phép",
        ],
        "asks": [
            "Tôi muốn lát lại nền, thay mái tôn và sơn lại nhà, không thay đổi kết cấu. Xin hỏi có "
            "phải xin giấy phép xây dựng không?",
            "Gia đình tôi định ngăn lại phòng và làm thêm gác lửng bằng khung thép trong nhà. "
            "Việc này có được miễn giấy phép xây dựng không?",
        ],
        "answer": "Theo khoản 2 Điều 89 Luật Xây dựng năm 2014 (được sửa đổi, bổ sung năm 2020), "
        "công trình sửa chữa, cải tạo bên trong công trình hoặc sửa chữa, cải tạo mặt ngoài không "
        "tiếp giáp với đường trong đô thị có yêu cầu quản lý kiến trúc được miễn giấy phép xây "
        "dựng nếu không làm thay đổi kết cấu chịu lực, không làm thay đổi công năng sử dụng và "
        "bảo đảm an toàn, phòng cháy chữa cháy, môi trường. Việc làm thêm gác lửng làm thay đổi "
        "kết cấu chịu lực thì phải đề nghị cấp giấy phép sửa chữa, cải tạo.",
        "refs": "Khoản 2 Điều 89 Luật Xây dựng năm 2014, sửa đổi, bổ sung năm 2020",
    },
    {
        "category": "xay-dung",
        "titles": ["Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II"],
        "asks": [
            "Tôi là kỹ sư xây dựng, có {years} năm kinh nghiệm thiết kế kết cấu. Xin hỏi điều kiện "
            "và hồ sơ đề nghị cấp chứng chỉ hành nghề thiết kế xây dựng hạng II?",
        ],
        "answer": "Chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III do Sở Xây dựng cấp. "
        "Cá nhân phải có trình độ đại học thuộc chuyên ngành phù hợp, có kinh nghiệm tham gia "
        "công việc phù hợp với nội dung đề nghị cấp chứng chỉ và đạt yêu cầu sát hạch. Hồ sơ gồm "
        "đơn đề nghị theo mẫu, ảnh, văn bằng, bản khai kinh nghiệm và các chứng chỉ liên quan; "
        "ông/bà nộp trực tuyến trên Cổng Dịch vụ công quốc gia hoặc tại Trung tâm Phục vụ hành "
        "chính công tỉnh.",
        "refs": "Luật Xây dựng năm 2014, sửa đổi, bổ sung năm 2020",
    },
    # --- Giao thông
    {
        "category": "giao-thong",
        "unit": "cong-an-tinh",
        "misrouted": (
            "so-xay-dung",
            "Từ ngày 01/3/2025, việc cấp, đổi giấy phép lái xe do cơ quan Công an thực hiện; "
            "chuyển Công an tỉnh trả lời.",
        ),
        "titles": ["Đổi giấy phép lái xe hết hạn", "Thủ tục đổi bằng lái xe ô tô"],
        "asks": [
            "Giấy phép lái xe hạng B2 của tôi sắp hết hạn vào tháng tới. Xin hỏi hiện nay đổi "
            "giấy phép lái xe ở đâu, có làm trực tuyến được không?",
            "Tôi có bằng lái xe ô tô cấp năm {year}, nay muốn đổi sang giấy phép lái xe mới thì "
            "cần giấy khám sức khỏe không và nộp hồ sơ ở đâu?",
        ],
        "answer": "Từ ngày 01/3/2025, việc sát hạch, cấp, đổi, cấp lại giấy phép lái xe do cơ "
        "quan Công an thực hiện theo Luật Trật tự, an toàn giao thông đường bộ năm 2024. Ông/bà "
        "có thể nộp hồ sơ đổi giấy phép lái xe trực tuyến trên Cổng Dịch vụ công quốc gia hoặc "
        "ứng dụng VNeID, hoặc nộp trực tiếp tại Phòng Cảnh sát giao thông Công an tỉnh. Hồ sơ gồm "
        "đơn đề nghị và giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp (đã "
        "được liên thông dữ liệu thì không phải nộp bản giấy).",
        "refs": "Luật Trật tự, an toàn giao thông đường bộ năm 2024",
    },
    {
        "category": "giao-thong",
        "titles": [
            "Đường liên xã bị xuống cấp nghiêm trọng",
            "Đề nghị sửa chữa tuyến đường liên xã",
        ],
        "asks": [
            "Tuyến đường liên xã đi qua {place} bị hư hỏng, nhiều ổ gà, mùa mưa rất nguy hiểm cho "
            "học sinh. Xin hỏi khi nào tuyến đường được sửa chữa?",
            "Đoạn đường từ trung tâm {place} ra quốc lộ xuống cấp đã lâu. Người dân đề nghị cơ "
            "quan chức năng cho biết kế hoạch duy tu, sửa chữa.",
        ],
        "answer": "Sở Xây dựng đã phối hợp với Ủy ban nhân dân xã kiểm tra hiện trạng tuyến "
        "đường. Trước mắt, đơn vị quản lý đường bộ sẽ vá ổ gà, cắm biển cảnh báo tại các vị trí "
        "nguy hiểm; việc sửa chữa định kỳ toàn tuyến đã được đưa vào kế hoạch bảo trì đường bộ "
        "năm tới của tỉnh. Sở ghi nhận và cảm ơn ý kiến phản ánh của người dân.",
        "refs": "",
    },
    # --- Thuế
    {
        "category": "thue",
        "titles": [
            "Thuế đối với hộ kinh doanh nhỏ",
            "Hộ kinh doanh doanh thu thấp có phải nộp thuế",
        ],
        "asks": [
            "Tôi mở quán tạp hóa nhỏ tại {place}, doanh thu mỗi tháng khoảng vài chục triệu đồng. "
            "Xin hỏi tôi có phải nộp thuế không và kê khai như thế nào?",
            "Hộ kinh doanh bán hàng ăn sáng có doanh thu thấp thì có phải đăng ký thuế và khai "
            "thuế hằng năm không?",
        ],
        "answer": "Theo Luật Quản lý thuế năm 2019 và các văn bản hướng dẫn về thuế đối với hộ, cá "
        "nhân kinh doanh, hộ kinh doanh có doanh thu trong năm từ ngưỡng không phải nộp thuế trở "
        "xuống thì không phải nộp thuế giá trị gia tăng và thuế thu nhập cá nhân, nhưng vẫn phải "
        "khai doanh thu với cơ quan thuế theo quy định. Ngưỡng doanh thu và phương pháp tính thuế "
        "được cơ quan thuế công bố công khai; ông/bà liên hệ Thuế cơ sở quản lý địa bàn để được "
        "hướng dẫn kê khai, nộp hồ sơ trực tuyến qua ứng dụng eTax Mobile.",
        "refs": "Luật Quản lý thuế năm 2019",
    },
    {
        "category": "thue",
        "titles": [
            "Lệ phí trước bạ khi nhận thừa kế nhà đất",
            "Miễn lệ phí trước bạ khi cha mẹ tặng cho đất",
        ],
        "asks": [
            "Bố mẹ tôi tặng cho tôi thửa đất số {parcel}. Xin hỏi khi sang tên tôi có phải nộp lệ "
            "phí trước bạ và thuế thu nhập cá nhân không?",
            "Tôi được nhận thừa kế căn nhà của ông bà nội. Khi đăng ký biến động thì có được miễn "
            "lệ phí trước bạ không?",
        ],
        "answer": "Theo Nghị định số 10/2022/NĐ-CP về lệ phí trước bạ, nhà, đất nhận thừa kế hoặc "
        "tặng cho giữa vợ với chồng; cha đẻ, mẹ đẻ với con đẻ; cha nuôi, mẹ nuôi với con nuôi; ông "
        "bà với cháu; anh chị em ruột với nhau được miễn lệ phí trước bạ. Thu nhập từ nhận thừa "
        "kế, quà tặng là bất động sản giữa những người này cũng được miễn thuế thu nhập cá nhân "
        "theo Luật Thuế thu nhập cá nhân. Ông/bà vẫn phải kê khai để được xác nhận miễn khi làm "
        "thủ tục đăng ký biến động.",
        "refs": "Nghị định số 10/2022/NĐ-CP; Luật Thuế thu nhập cá nhân",
    },
    {
        "category": "thue",
        "titles": ["Quyết toán thuế thu nhập cá nhân khi có hai nơi làm việc"],
        "asks": [
            "Năm {last_year} tôi làm việc ở hai công ty, cả hai đều khấu trừ thuế 10%. Xin hỏi "
            "tôi có phải tự quyết toán thuế thu nhập cá nhân không, hạn nộp là khi nào?",
        ],
        "answer": "Cá nhân có thu nhập từ tiền lương, tiền công từ hai nơi trở lên mà không đáp "
        "ứng điều kiện ủy quyền quyết toán thì trực tiếp quyết toán thuế với cơ quan thuế. Theo "
        "Luật Quản lý thuế năm 2019, thời hạn nộp hồ sơ quyết toán thuế đối với cá nhân trực tiếp "
        "quyết toán chậm nhất là ngày cuối cùng của tháng thứ tư kể từ ngày kết thúc năm dương "
        "lịch. Ông/bà có thể quyết toán trực tuyến trên Cổng thông tin điện tử của ngành thuế.",
        "refs": "Điều 44 Luật Quản lý thuế năm 2019",
    },
    # --- Bảo hiểm xã hội
    {
        "category": "bao-hiem-xa-hoi",
        "titles": ["Điều kiện hưởng bảo hiểm xã hội một lần", "Rút bảo hiểm xã hội một lần"],
        "asks": [
            "Tôi đã đóng bảo hiểm xã hội được {years} năm, nghỉ việc từ đầu năm nay. Xin hỏi tôi "
            "có được rút bảo hiểm xã hội một lần không?",
            "Theo luật mới, người nghỉ việc có còn được nhận bảo hiểm xã hội một lần không, cần "
            "điều kiện gì?",
        ],
        "answer": "Theo Điều 70 Luật Bảo hiểm xã hội năm 2024 (có hiệu lực từ ngày 01/7/2025), "
        "người lao động được hưởng bảo hiểm xã hội một lần khi có yêu cầu trong các trường hợp: "
        "đủ tuổi nghỉ hưu mà chưa đủ 15 năm đóng và không tiếp tục tham gia; ra nước ngoài để "
        "định cư; mắc một số bệnh hiểm nghèo. Người có thời gian đóng trước ngày 01/7/2025, sau "
        "12 tháng không thuộc đối tượng tham gia bắt buộc, không tham gia tự nguyện và có thời "
        "gian đóng chưa đủ 20 năm cũng được hưởng bảo hiểm xã hội một lần nếu có yêu cầu. Ông/bà "
        "cân nhắc việc bảo lưu thời gian đóng để hưởng lương hưu sau này.",
        "refs": "Điều 70 Luật Bảo hiểm xã hội năm 2024",
    },
    {
        "category": "bao-hiem-xa-hoi",
        "titles": ["Cấp lại thẻ bảo hiểm y tế bị mất", "Mất thẻ bảo hiểm y tế thì làm thế nào"],
        "asks": [
            "Tôi làm mất thẻ bảo hiểm y tế. Xin hỏi thủ tục cấp lại thẻ và trong thời gian chờ "
            "cấp lại tôi đi khám bệnh có được hưởng bảo hiểm không?",
        ],
        "answer": "Người tham gia bảo hiểm y tế có thể sử dụng thẻ căn cước có gắn chíp hoặc thẻ "
        "bảo hiểm y tế trên ứng dụng VNeID, VssID để khám chữa bệnh mà không cần thẻ giấy. Trường "
        "hợp vẫn cần thẻ giấy, ông/bà đề nghị cấp lại trực tuyến trên Cổng Dịch vụ công quốc gia "
        "hoặc tại cơ quan bảo hiểm xã hội nơi cư trú; việc cấp lại không làm gián đoạn quyền lợi "
        "khám chữa bệnh.",
        "refs": "Luật Bảo hiểm y tế",
    },
    {
        "category": "bao-hiem-xa-hoi",
        "titles": ["Chế độ thai sản cho lao động nam khi vợ sinh con"],
        "asks": [
            "Vợ tôi vừa sinh con tại bệnh viện tỉnh. Tôi đang đóng bảo hiểm xã hội tại công ty, "
            "xin hỏi tôi được nghỉ mấy ngày và hưởng chế độ thai sản thế nào?",
        ],
        "answer": "Theo Luật Bảo hiểm xã hội năm 2024, lao động nam đang đóng bảo hiểm xã hội khi "
        "vợ sinh con được nghỉ việc hưởng chế độ thai sản 05 ngày làm việc; 07 ngày làm việc khi "
        "vợ sinh con phải phẫu thuật hoặc sinh con dưới 32 tuần tuổi; nhiều hơn khi vợ sinh đôi "
        "trở lên. Thời gian nghỉ được tính trong 60 ngày kể từ ngày vợ sinh con. Ông/bà nộp hồ sơ "
        "cho người sử dụng lao động để được giải quyết.",
        "refs": "Luật Bảo hiểm xã hội năm 2024",
    },
    # --- Hộ tịch
    {
        "category": "ho-tich",
        "commune_level": True,
        "titles": ["Đăng ký khai sinh cho con", "Thời hạn đăng ký khai sinh cho trẻ"],
        "asks": [
            "Con tôi sinh được hơn một tháng. Xin hỏi đăng ký khai sinh ở đâu, cần giấy tờ gì và "
            "có thể làm trực tuyến cùng lúc với thẻ bảo hiểm y tế cho cháu không?",
            "Vợ chồng tôi chưa đăng ký kết hôn, nay sinh con thì làm giấy khai sinh cho con như "
            "thế nào?",
        ],
        "answer": "Theo Luật Hộ tịch năm 2014, trong thời hạn 60 ngày kể từ ngày sinh con, cha "
        "hoặc mẹ có trách nhiệm đăng ký khai sinh cho con tại Ủy ban nhân dân cấp xã nơi cư trú "
        "của cha hoặc mẹ. Hồ sơ gồm tờ khai theo mẫu và giấy chứng sinh. Ông/bà có thể thực hiện "
        "liên thông trực tuyến đăng ký khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế cho "
        "trẻ dưới 6 tuổi trên Cổng Dịch vụ công quốc gia. Trường hợp cha mẹ chưa đăng ký kết hôn "
        "vẫn đăng ký khai sinh cho con; việc nhận cha con có thể kết hợp khi đăng ký khai sinh.",
        "refs": "Điều 15, Điều 16 Luật Hộ tịch năm 2014; Nghị định số 123/2015/NĐ-CP",
    },
    {
        "category": "ho-tich",
        "commune_level": True,
        "titles": ["Thủ tục đăng ký kết hôn", "Đăng ký kết hôn khác nơi cư trú"],
        "asks": [
            "Tôi thường trú ở {place}, vợ sắp cưới của tôi ở tỉnh khác. Xin hỏi chúng tôi đăng ký "
            "kết hôn ở đâu và có cần giấy xác nhận tình trạng hôn nhân không?",
        ],
        "answer": "Theo Luật Hộ tịch năm 2014, hai bên nam, nữ đăng ký kết hôn tại Ủy ban nhân dân "
        "cấp xã nơi cư trú của một trong hai bên. Khi đăng ký, hai bên cùng có mặt, nộp tờ khai "
        "theo mẫu. Nếu thông tin về tình trạng hôn nhân đã có trong Cơ sở dữ liệu quốc gia về dân "
        "cư hoặc cơ sở dữ liệu hộ tịch điện tử thì không phải nộp giấy xác nhận tình trạng hôn "
        "nhân; trường hợp chưa có, bên cư trú ở nơi khác xin xác nhận tại Ủy ban nhân dân cấp xã "
        "nơi mình cư trú.",
        "refs": "Luật Hộ tịch năm 2014; Nghị định số 123/2015/NĐ-CP",
    },
    # --- Căn cước, cư trú
    {
        "category": "can-cuoc-cu-tru",
        "titles": ["Làm thẻ căn cước cho trẻ dưới 14 tuổi", "Cấp căn cước cho trẻ em"],
        "asks": [
            "Con tôi {years} tuổi, xin hỏi có bắt buộc làm thẻ căn cước cho cháu không và nếu làm "
            "thì làm ở đâu, có phải đưa cháu đi cùng không?",
        ],
        "answer": "Theo Luật Căn cước năm 2023, công dân Việt Nam dưới 14 tuổi được cấp thẻ căn "
        "cước nếu có yêu cầu, không bắt buộc. Trẻ dưới 6 tuổi được làm thủ tục qua Cổng Dịch vụ "
        "công quốc gia hoặc ứng dụng VNeID và không phải thu thập sinh trắc học; trẻ từ đủ 6 tuổi "
        "trở lên đến cơ quan quản lý căn cước cùng người đại diện hợp pháp để thu thập ảnh khuôn "
        "mặt, vân tay. Ông/bà liên hệ Công an cấp xã nơi cư trú để được hướng dẫn.",
        "refs": "Luật Căn cước năm 2023",
    },
    {
        "category": "can-cuoc-cu-tru",
        "titles": ["Đăng ký thường trú khi mua nhà mới", "Thủ tục nhập hộ khẩu vào nhà mới mua"],
        "asks": [
            "Gia đình tôi vừa mua nhà tại {place} và đã có giấy chứng nhận. Xin hỏi thủ tục đăng "
            "ký thường trú cho cả gia đình như thế nào?",
        ],
        "answer": "Theo Điều 20 Luật Cư trú năm 2020, công dân có chỗ ở hợp pháp thuộc quyền sở "
        "hữu của mình thì được đăng ký thường trú tại chỗ ở hợp pháp đó. Hồ sơ gồm tờ khai thay "
        "đổi thông tin cư trú và giấy tờ chứng minh chỗ ở hợp pháp (không phải nộp nếu thông tin "
        "đã có trong cơ sở dữ liệu). Ông/bà nộp tại Công an cấp xã nơi có nhà hoặc trực tuyến qua "
        "Cổng Dịch vụ công quốc gia, ứng dụng VNeID; thời hạn giải quyết là 07 ngày làm việc.",
        "refs": "Điều 20 Luật Cư trú năm 2020",
    },
    {
        "category": "can-cuoc-cu-tru",
        "titles": ["Đăng ký tạm trú cho người thuê trọ"],
        "asks": [
            "Tôi có dãy phòng trọ cho công nhân thuê tại {place}. Xin hỏi trách nhiệm đăng ký tạm "
            "trú cho người thuê là của chủ nhà hay người thuê, trong thời hạn bao lâu?",
        ],
        "answer": "Theo Điều 27 Luật Cư trú năm 2020, người đến sinh sống tại chỗ ở hợp pháp ngoài "
        "nơi thường trú từ 30 ngày trở lên thì phải đăng ký tạm trú. Người thuê trọ thực hiện "
        "đăng ký tạm trú tại Công an cấp xã nơi có nhà trọ, kèm ý kiến đồng ý của chủ nhà (có "
        "thể xác nhận trực tuyến). Chủ cơ sở cho thuê có trách nhiệm tạo điều kiện và thông báo "
        "lưu trú theo quy định.",
        "refs": "Điều 27 Luật Cư trú năm 2020",
    },
    # --- Giáo dục
    {
        "category": "giao-duc",
        "titles": ["Tuyển sinh vào lớp 10 trường công lập", "Môn thi tuyển sinh lớp 10 năm nay"],
        "asks": [
            "Con tôi đang học lớp 9 tại {place}. Xin hỏi kỳ thi tuyển sinh vào lớp 10 công lập "
            "năm nay của tỉnh thi mấy môn, khi nào công bố kế hoạch tuyển sinh?",
        ],
        "answer": "Sở Giáo dục và Đào tạo ban hành kế hoạch tuyển sinh vào lớp 10 hằng năm căn cứ "
        "quy chế tuyển sinh của Bộ Giáo dục và Đào tạo; kế hoạch được công bố trên Cổng thông tin "
        "điện tử của Sở và gửi các trường trung học cơ sở từ học kỳ II. Kế hoạch nêu rõ các môn "
        "thi, lịch thi, chỉ tiêu từng trường và cách đăng ký nguyện vọng. Phụ huynh theo dõi "
        "thông báo của nhà trường để được hướng dẫn.",
        "refs": "Quy chế tuyển sinh trung học cơ sở và trung học phổ thông",
    },
    {
        "category": "giao-duc",
        "titles": ["Chuyển trường cho học sinh tiểu học", "Thủ tục chuyển trường khi đổi chỗ ở"],
        "asks": [
            "Gia đình tôi chuyển về {place} sinh sống, con tôi đang học lớp {grade}. Xin hỏi thủ "
            "tục chuyển trường cho cháu gồm những gì?",
        ],
        "answer": "Hồ sơ chuyển trường gồm đơn đề nghị của cha mẹ học sinh, học bạ và các giấy tờ "
        "liên quan theo quy định của Bộ Giáo dục và Đào tạo. Phụ huynh liên hệ trường nơi chuyển "
        "đến để được tiếp nhận, sau đó trường nơi chuyển đi giới thiệu và bàn giao hồ sơ. Với học "
        "sinh tiểu học, trung học cơ sở, việc chuyển trường trong tỉnh do hiệu trưởng hai trường "
        "thống nhất giải quyết.",
        "refs": "",
    },
    {
        "category": "giao-duc",
        "titles": ["Miễn học phí cho học sinh trường công lập"],
        "asks": [
            "Năm học này con tôi học lớp {grade} trường công lập. Xin hỏi cháu có được miễn học "
            "phí không, còn các khoản thu khác thì thế nào?",
        ],
        "answer": "Từ năm học 2025–2026, trẻ mầm non và học sinh phổ thông học tại cơ sở giáo dục "
        "công lập được miễn học phí theo nghị quyết của Quốc hội; học sinh trường ngoài công lập "
        "được hỗ trợ học phí theo mức do Hội đồng nhân dân tỉnh quy định. Các khoản thu dịch vụ "
        "phục vụ hoạt động giáo dục (bán trú, nước uống…) thực hiện theo nghị quyết của Hội đồng "
        "nhân dân tỉnh và phải được công khai.",
        "refs": "",
    },
    # --- Y tế
    {
        "category": "y-te",
        "titles": [
            "Khám chữa bệnh bảo hiểm y tế khi đi làm xa",
            "Mức hưởng bảo hiểm y tế khi khám không đúng nơi đăng ký",
        ],
        "asks": [
            "Tôi đăng ký khám chữa bệnh ban đầu ở trạm y tế {place} nhưng đi làm ở tỉnh khác. Khi "
            "ốm đau khám ở bệnh viện nơi làm việc thì được bảo hiểm y tế chi trả bao nhiêu?",
        ],
        "answer": "Theo Luật Bảo hiểm y tế (sửa đổi, bổ sung năm 2024, có hiệu lực từ ngày "
        "01/7/2025), mức hưởng khi khám chữa bệnh không đúng cơ sở đăng ký ban đầu phụ thuộc cấp "
        "chuyên môn kỹ thuật của cơ sở khám chữa bệnh. Ông/bà cũng có thể đổi nơi đăng ký khám "
        "chữa bệnh ban đầu về nơi làm việc vào đầu mỗi quý. Sở Y tế đề nghị ông/bà mang theo thẻ "
        "căn cước hoặc thẻ bảo hiểm y tế điện tử khi đi khám.",
        "refs": "Luật Bảo hiểm y tế, sửa đổi, bổ sung năm 2024",
    },
    {
        "category": "y-te",
        "titles": ["Cấp giấy phép hành nghề khám bệnh, chữa bệnh cho y sĩ"],
        "asks": [
            "Tôi tốt nghiệp y sĩ đa khoa năm {year}. Xin hỏi thủ tục để được cấp giấy phép hành "
            "nghề khám bệnh, chữa bệnh theo quy định mới?",
        ],
        "answer": "Theo Luật Khám bệnh, chữa bệnh năm 2023, người hành nghề phải có giấy phép hành "
        "nghề; người có văn bằng y sĩ phải thực hành khám bệnh, chữa bệnh theo thời gian quy định "
        "và đạt kỳ kiểm tra đánh giá năng lực theo lộ trình. Hồ sơ đề nghị cấp giấy phép nộp tại "
        "Sở Y tế hoặc trực tuyến trên Cổng Dịch vụ công quốc gia.",
        "refs": "Luật Khám bệnh, chữa bệnh năm 2023",
    },
    # --- Lao động – việc làm
    {
        "category": "lao-dong-viec-lam",
        "titles": ["Hồ sơ hưởng trợ cấp thất nghiệp", "Thời hạn nộp hồ sơ trợ cấp thất nghiệp"],
        "asks": [
            "Tôi vừa nghỉ việc sau {years} năm làm công nhân và có đóng bảo hiểm thất nghiệp. Xin "
            "hỏi hồ sơ hưởng trợ cấp thất nghiệp nộp ở đâu, trong thời hạn bao lâu?",
        ],
        "answer": "Trong thời hạn 03 tháng kể từ ngày chấm dứt hợp đồng lao động, người lao động "
        "nộp hồ sơ đề nghị hưởng trợ cấp thất nghiệp tại Trung tâm Dịch vụ việc làm tỉnh hoặc "
        "trực tuyến trên Cổng Dịch vụ công quốc gia. Hồ sơ gồm đề nghị hưởng trợ cấp theo mẫu và "
        "giấy tờ xác nhận việc chấm dứt hợp đồng lao động. Sau khi nộp hồ sơ, người lao động "
        "thông báo tìm kiếm việc làm hằng tháng theo lịch hẹn.",
        "refs": "Luật Việc làm",
    },
    {
        "category": "lao-dong-viec-lam",
        "titles": [
            "Công ty không ký hợp đồng lao động sau thử việc",
            "Thời gian thử việc tối đa",
        ],
        "asks": [
            "Tôi thử việc ở một công ty tại {place} đã hơn 3 tháng nhưng công ty vẫn chưa ký hợp "
            "đồng lao động. Xin hỏi như vậy có đúng quy định không?",
        ],
        "answer": "Theo Điều 25 Bộ luật Lao động năm 2019, thời gian thử việc tối đa là 180 ngày "
        "đối với người quản lý doanh nghiệp; 60 ngày với công việc cần trình độ từ cao đẳng trở "
        "lên; 30 ngày với trình độ trung cấp, công nhân kỹ thuật; 06 ngày làm việc với công việc "
        "khác. Hết thời gian thử việc, người sử dụng lao động phải thông báo kết quả; nếu đạt yêu "
        "cầu thì tiếp tục thực hiện hợp đồng lao động đã giao kết. Ông/bà có thể phản ánh đến "
        "Sở Nội vụ để được kiểm tra theo thẩm quyền.",
        "refs": "Điều 24, Điều 25, Điều 27 Bộ luật Lao động năm 2019",
    },
    # --- Doanh nghiệp, đầu tư
    {
        "category": "doanh-nghiep-dau-tu",
        "commune_level": True,
        "titles": ["Thủ tục đăng ký hộ kinh doanh", "Mở quán cà phê có phải đăng ký kinh doanh"],
        "asks": [
            "Tôi dự định mở quán cà phê nhỏ tại nhà ở {place}. Xin hỏi tôi có phải đăng ký hộ kinh "
            "doanh không, nộp hồ sơ ở đâu?",
        ],
        "answer": "Theo quy định về đăng ký hộ kinh doanh, cá nhân hoặc thành viên hộ gia đình "
        "kinh doanh tại một địa điểm cố định phải đăng ký hộ kinh doanh, trừ một số trường hợp "
        "buôn bán nhỏ, thu nhập thấp. Hồ sơ gồm giấy đề nghị đăng ký hộ kinh doanh và bản sao "
        "giấy tờ pháp lý của chủ hộ, nộp tại Ủy ban nhân dân cấp xã nơi đặt địa điểm kinh doanh "
        "hoặc trực tuyến; thời hạn giải quyết là 03 ngày làm việc.",
        "refs": "Luật Doanh nghiệp năm 2020 và văn bản hướng dẫn về đăng ký hộ kinh doanh",
    },
    {
        "category": "doanh-nghiep-dau-tu",
        "titles": ["Thành lập công ty trách nhiệm hữu hạn một thành viên"],
        "asks": [
            "Tôi muốn thành lập công ty TNHH một thành viên kinh doanh vật liệu xây dựng. Xin hỏi "
            "vốn điều lệ tối thiểu là bao nhiêu và hồ sơ đăng ký gồm những gì?",
        ],
        "answer": "Luật Doanh nghiệp năm 2020 không quy định vốn điều lệ tối thiểu đối với ngành "
        "nghề kinh doanh vật liệu xây dựng. Hồ sơ đăng ký công ty trách nhiệm hữu hạn một thành "
        "viên gồm giấy đề nghị đăng ký doanh nghiệp, điều lệ công ty và bản sao giấy tờ pháp lý "
        "của chủ sở hữu, nộp trực tuyến qua Cổng thông tin quốc gia về đăng ký doanh nghiệp. "
        "Phòng Đăng ký kinh doanh thuộc Sở Tài chính giải quyết trong 03 ngày làm việc kể từ ngày "
        "nhận hồ sơ hợp lệ.",
        "refs": "Luật Doanh nghiệp năm 2020",
    },
    # --- Môi trường
    {
        "category": "moi-truong",
        "commune_level": True,
        "titles": [
            "Xưởng gỗ gây tiếng ồn và bụi trong khu dân cư",
            "Phản ánh ô nhiễm từ xưởng sản xuất",
        ],
        "asks": [
            "Gần nhà tôi ở {place} có xưởng cưa gỗ hoạt động cả đêm, gây tiếng ồn và bụi rất lớn. "
            "Đề nghị cơ quan chức năng kiểm tra, xử lý.",
        ],
        "answer": "Tiếp nhận phản ánh, Ủy ban nhân dân xã đã phối hợp với cơ quan chuyên môn kiểm "
        "tra cơ sở sản xuất. Theo Luật Bảo vệ môi trường năm 2020, cơ sở sản xuất trong khu dân "
        "cư phải bảo đảm quy chuẩn kỹ thuật về tiếng ồn, bụi và có biện pháp giảm thiểu. Cơ sở "
        "đã được yêu cầu không hoạt động vào ban đêm, lắp đặt hệ thống thu bụi; trường hợp tái "
        "phạm sẽ bị xử phạt vi phạm hành chính theo quy định.",
        "refs": "Luật Bảo vệ môi trường năm 2020",
    },
    {
        "category": "moi-truong",
        "titles": ["Phân loại rác thải sinh hoạt tại nguồn"],
        "asks": [
            "Xin hỏi từ khi nào người dân phải phân loại rác thải sinh hoạt, phân loại thế nào và "
            "nếu không phân loại thì có bị phạt không?",
        ],
        "answer": "Theo Luật Bảo vệ môi trường năm 2020, chất thải rắn sinh hoạt phát sinh từ hộ "
        "gia đình, cá nhân được phân loại thành: chất thải rắn có khả năng tái sử dụng, tái chế; "
        "chất thải thực phẩm; chất thải rắn sinh hoạt khác. Quy định này áp dụng từ ngày "
        "01/01/2025; Ủy ban nhân dân tỉnh hướng dẫn cụ thể việc thu gom, vận chuyển trên địa bàn. "
        "Hành vi không phân loại có thể bị xử phạt vi phạm hành chính.",
        "refs": "Điều 75 Luật Bảo vệ môi trường năm 2020",
    },
    # --- Nông nghiệp
    {
        "category": "nong-nghiep",
        "titles": [
            "Hỗ trợ giống cây trồng sau thiên tai",
            "Chính sách hỗ trợ khôi phục sản xuất sau lũ",
        ],
        "asks": [
            "Đợt mưa lũ vừa qua làm ngập hơn {area} m² lúa của gia đình tôi ở {place}. Xin hỏi "
            "gia đình có được hỗ trợ giống để khôi phục sản xuất không, thủ tục thế nào?",
        ],
        "answer": "Hộ sản xuất nông nghiệp bị thiệt hại do thiên tai được xem xét hỗ trợ giống cây "
        "trồng, vật nuôi để khôi phục sản xuất theo chính sách của Chính phủ. Trưởng thôn tổng "
        "hợp danh sách, Ủy ban nhân dân xã kiểm tra, xác nhận mức độ thiệt hại và đề nghị hỗ "
        "trợ; Sở Nông nghiệp và Môi trường thẩm định, trình Ủy ban nhân dân tỉnh quyết định. "
        "Ông/bà liên hệ Ủy ban nhân dân xã để được đưa vào danh sách.",
        "refs": "",
    },
    {
        "category": "nong-nghiep",
        "titles": ["Phòng chống dịch tả lợn châu Phi", "Đàn lợn có biểu hiện bệnh thì báo ở đâu"],
        "asks": [
            "Trong thôn tôi có mấy hộ nuôi lợn bị chết bất thường. Xin hỏi người dân phải báo cho "
            "ai và có được hỗ trợ khi phải tiêu hủy lợn bệnh không?",
        ],
        "answer": "Theo Luật Thú y năm 2015, khi phát hiện động vật mắc bệnh, chết bất thường, chủ "
        "vật nuôi phải báo ngay cho nhân viên thú y cấp xã hoặc Ủy ban nhân dân xã, không bán "
        "chạy, không vứt xác ra môi trường. Lợn buộc phải tiêu hủy do dịch tả lợn châu Phi được "
        "xem xét hỗ trợ theo chính sách của Nhà nước và của tỉnh.",
        "refs": "Luật Thú y năm 2015",
    },
    # --- Văn hóa – du lịch
    {
        "category": "van-hoa-du-lich",
        "titles": ["Điều kiện kinh doanh karaoke", "Giấy phép kinh doanh dịch vụ karaoke"],
        "asks": [
            "Tôi muốn mở cơ sở kinh doanh karaoke có 4 phòng tại {place}. Xin hỏi điều kiện về "
            "diện tích phòng và phòng cháy chữa cháy như thế nào?",
        ],
        "answer": "Theo Nghị định số 54/2019/NĐ-CP quy định về kinh doanh dịch vụ karaoke, dịch vụ "
        "vũ trường, cơ sở kinh doanh karaoke phải là doanh nghiệp hoặc hộ kinh doanh đã đăng ký, "
        "bảo đảm điều kiện về phòng cháy và chữa cháy, phòng hát có diện tích sử dụng từ 20 m² "
        "trở lên, không kể công trình phụ, không đặt chốt cửa bên trong. Hồ sơ đề nghị cấp giấy "
        "phép nộp tại cơ quan có thẩm quyền của tỉnh.",
        "refs": "Nghị định số 54/2019/NĐ-CP",
    },
    {
        "category": "van-hoa-du-lich",
        "titles": ["Đăng ký homestay đón khách du lịch"],
        "asks": [
            "Gia đình tôi ở {place} muốn sửa lại nhà để đón khách du lịch lưu trú kiểu homestay. "
            "Xin hỏi cần đáp ứng điều kiện gì và đăng ký ở đâu?",
        ],
        "answer": "Theo Luật Du lịch năm 2017, nhà ở có phòng cho khách du lịch thuê (homestay) là "
        "một loại cơ sở lưu trú du lịch. Cơ sở phải đăng ký kinh doanh, đáp ứng điều kiện về an "
        "ninh trật tự, phòng cháy chữa cháy, bảo vệ môi trường, an toàn thực phẩm và điều kiện "
        "tối thiểu về cơ sở vật chất. Sở Văn hóa, Thể thao và Du lịch khuyến khích các hộ tham "
        "gia chương trình du lịch cộng đồng của tỉnh.",
        "refs": "Luật Du lịch năm 2017",
    },
    # --- Tư pháp
    {
        "category": "tu-phap",
        "titles": ["Chứng thực bản sao từ bản chính", "Chứng thực giấy tờ ở đâu"],
        "asks": [
            "Tôi cần chứng thực bản sao bằng tốt nghiệp và giấy khai sinh để nộp hồ sơ xin việc. "
            "Xin hỏi có thể chứng thực ở đâu, mất bao lâu?",
        ],
        "answer": "Theo Nghị định số 23/2015/NĐ-CP về chứng thực, việc chứng thực bản sao từ bản "
        "chính được thực hiện tại Ủy ban nhân dân cấp xã hoặc tổ chức hành nghề công chứng. Người "
        "yêu cầu xuất trình bản chính và bản sao cần chứng thực; việc chứng thực được giải quyết "
        "ngay trong ngày làm việc. Bản sao điện tử được chứng thực từ bản chính có giá trị sử "
        "dụng thay cho bản chính trong các giao dịch.",
        "refs": "Nghị định số 23/2015/NĐ-CP",
    },
    {
        "category": "tu-phap",
        "titles": ["Đối tượng được trợ giúp pháp lý miễn phí"],
        "asks": [
            "Mẹ tôi là người cao tuổi thuộc hộ nghèo, đang có tranh chấp về thừa kế. Xin hỏi mẹ "
            "tôi có được trợ giúp pháp lý miễn phí không, liên hệ ở đâu?",
        ],
        "answer": "Theo Điều 7 Luật Trợ giúp pháp lý năm 2017, người thuộc hộ nghèo, người có "
        "công với cách mạng, trẻ em, người dân tộc thiểu số cư trú ở vùng có điều kiện kinh tế "
        "– xã hội đặc biệt khó khăn và một số đối tượng khác được trợ giúp pháp lý miễn phí. Người "
        "cao tuổi thuộc hộ nghèo đủ điều kiện; bà liên hệ Trung tâm Trợ giúp pháp lý nhà nước "
        "thuộc Sở Tư pháp, mang theo giấy tờ chứng minh thuộc hộ nghèo.",
        "refs": "Điều 7 Luật Trợ giúp pháp lý năm 2017",
    },
    # --- Công thương
    {
        "category": "cong-thuong",
        "titles": ["Giá điện sinh hoạt cho người thuê trọ", "Chủ trọ thu tiền điện quá cao"],
        "asks": [
            "Tôi thuê phòng trọ tại {place}, chủ nhà thu tiền điện 4.000 đồng/kWh. Xin hỏi như "
            "vậy có đúng quy định không?",
        ],
        "answer": "Theo quy định của Bộ Công Thương về giá bán điện, trường hợp cho sinh viên, "
        "người lao động thuê nhà để ở, bên cho thuê kê khai số người thuê để bên bán điện cấp "
        "định mức: cứ 04 người được tính là một hộ sử dụng điện để áp dụng giá bán lẻ điện sinh "
        "hoạt bậc thang. Chủ nhà không được thu cao hơn giá của bên bán điện. Ông/bà có thể phản "
        "ánh đến Sở Công Thương hoặc điện lực địa phương để được kiểm tra.",
        "refs": "",
    },
    # --- Khoa học, công nghệ và chuyển đổi số
    {
        "category": "khoa-hoc-cong-nghe",
        "titles": ["Chữ ký số cá nhân để nộp hồ sơ trực tuyến", "Đăng ký chữ ký số cho người dân"],
        "asks": [
            "Xin hỏi người dân muốn ký số hồ sơ nộp trực tuyến thì đăng ký chữ ký số ở đâu, có "
            "mất phí không?",
        ],
        "answer": "Người dân có thể sử dụng chữ ký số cá nhân do các tổ chức cung cấp dịch vụ "
        "chứng thực chữ ký số công cộng được cấp phép, hoặc chữ ký số trên thiết bị di động. "
        "Nhiều thủ tục trên Cổng Dịch vụ công quốc gia chỉ cần đăng nhập bằng tài khoản định "
        "danh điện tử mức 2 mà không cần chữ ký số. Sở Khoa học và Công nghệ đang phối hợp với "
        "các doanh nghiệp triển khai chương trình hỗ trợ chữ ký số cho người dân.",
        "refs": "Luật Giao dịch điện tử năm 2023",
    },
    # --- Dân tộc, tôn giáo
    {
        "category": "dan-toc-ton-giao",
        "titles": ["Đăng ký sinh hoạt tôn giáo tập trung"],
        "asks": [
            "Một nhóm tín đồ ở {place} muốn đăng ký sinh hoạt tôn giáo tập trung tại nhà của một "
            "tín đồ. Xin hỏi thủ tục đăng ký như thế nào?",
        ],
        "answer": "Theo Luật Tín ngưỡng, tôn giáo năm 2016, người đại diện nhóm tín đồ gửi văn bản "
        "đăng ký sinh hoạt tôn giáo tập trung đến Ủy ban nhân dân cấp xã nơi có địa điểm sinh "
        "hoạt. Văn bản nêu rõ tên tôn giáo, địa điểm, người đại diện, số lượng tín đồ, thời gian "
        "và nội dung sinh hoạt. Ủy ban nhân dân cấp xã trả lời bằng văn bản trong thời hạn luật "
        "định; trường hợp từ chối phải nêu rõ lý do.",
        "refs": "Luật Tín ngưỡng, tôn giáo năm 2016",
    },
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

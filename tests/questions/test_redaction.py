"""De-identification of question text before publication (docs/design.md#legal-facts).

Table-driven and database-free: ``questions.redaction`` is a pure module. All sentences are
invented for these tests.
"""

import unicodedata

import pytest

from questions.redaction import (
    PLACEHOLDERS,
    Finding,
    Kind,
    Redaction,
    contains_personal_data,
    redact,
)

ASKER = ("Nguyễn Văn An", "an.nguyen@example.vn", "0912 345 678")

# (original, expected redacted text) with no known values: the generic detectors alone.
REDACTED = [
    # Self-introductions.
    (
        "Tôi tên là Nguyễn Văn An, muốn hỏi về thủ tục cấp đổi giấy phép lái xe.",
        "Tôi tên là [họ tên], muốn hỏi về thủ tục cấp đổi giấy phép lái xe.",
    ),
    (
        "Xin chào, tôi là Trần Thị Bích Ngọc, hiện làm việc tại một công ty may.",
        "Xin chào, tôi là [họ tên], hiện làm việc tại một công ty may.",
    ),
    ("Họ và tên: Đỗ Minh Khoa. Nội dung: xin hỏi.", "Họ và tên: [họ tên]. Nội dung: xin hỏi."),
    ("Em tên là Hoa, năm nay 17 tuổi.", "Em tên là [họ tên], năm nay 17 tuổi."),
    (
        "Sổ đỏ hiện đứng tên Phạm Quang Huy nhưng đã bán cho tôi.",
        "Sổ đỏ hiện đứng tên [họ tên] nhưng đã bán cho tôi.",
    ),
    # Honorifics.
    (
        "Ông Lê Văn Cường và bà Phạm Thị Dung là hàng xóm của tôi.",
        "Ông [họ tên] và bà [họ tên] là hàng xóm của tôi.",
    ),
    (
        "Gia đình tôi (ông Nguyễn Văn Em) đã nộp hồ sơ từ tháng trước.",
        "Gia đình tôi (ông [họ tên]) đã nộp hồ sơ từ tháng trước.",
    ),
    (
        "Bố tôi là Hoàng Đức Thắng, đã mất năm 2020.",
        "Bố tôi là [họ tên], đã mất năm 2020.",
    ),
    # Phones.
    ("Số điện thoại liên hệ: 0912345678.", "Số điện thoại liên hệ: [số điện thoại]."),
    ("Gọi cho tôi theo số 0912 345 678 nhé.", "Gọi cho tôi theo số [số điện thoại] nhé."),
    ("SĐT 0987.654.321 hoặc 0356-789-012.", "SĐT [số điện thoại] hoặc [số điện thoại]."),
    ("Liên hệ +84 912 345 678 giờ hành chính.", "Liên hệ [số điện thoại] giờ hành chính."),
    ("Hoặc 84912345678 cũng được.", "Hoặc [số điện thoại] cũng được."),
    ("Điện thoại bàn: 024 3825 1234.", "Điện thoại bàn: [số điện thoại]."),
    ("Điện thoại bàn: (028) 3822 4567.", "Điện thoại bàn: [số điện thoại]."),
    # Emails.
    (
        "Xin trả lời qua email tran.binh88@gmail.com giúp tôi.",
        "Xin trả lời qua email [email] giúp tôi.",
    ),
    # ID numbers.
    ("Số CCCD của tôi: 001085012345.", "Số CCCD của tôi: [số CCCD/CMND]."),
    (
        "Căn cước công dân số 079 190 001 234 cấp năm 2021.",
        "Căn cước công dân số [số CCCD/CMND] cấp năm 2021.",
    ),
    ("CMND số 123456789 đã hết hạn.", "CMND số [số CCCD/CMND] đã hết hạn."),
    (
        "Giấy chứng minh nhân dân 271234567 bị mất.",
        "Giấy chứng minh nhân dân [số CCCD/CMND] bị mất.",
    ),
    ("Mã 036092001122 là của tôi.", "Mã [số CCCD/CMND] là của tôi."),
    # Addresses: house number, alley, street, village parts go; commune and province stay.
    (
        "Tôi ở số nhà 12, ngõ 34, đường Lê Lợi, phường Bến Nghé, Thành phố Hồ Chí Minh.",
        "Tôi ở [địa chỉ], phường Bến Nghé, Thành phố Hồ Chí Minh.",
    ),
    (
        "Nhà tôi ở số 45 đường Trần Hưng Đạo, phường Cửa Nam, Hà Nội.",
        "Nhà tôi ở [địa chỉ], phường Cửa Nam, Hà Nội.",
    ),
    (
        "Gia đình tôi ở thôn 3, xã Tân Lập, tỉnh Phú Thọ.",
        "Gia đình tôi ở [địa chỉ], xã Tân Lập, tỉnh Phú Thọ.",
    ),
    ("Tôi sống ở xóm Đông, xã Hưng Đạo.", "Tôi sống ở [địa chỉ], xã Hưng Đạo."),
    ("Tôi ở tổ dân phố 5, phường Yên Thịnh.", "Tôi ở [địa chỉ], phường Yên Thịnh."),
    ("Địa chỉ: ấp Tân Hòa, xã Long Phú.", "Địa chỉ: [địa chỉ], xã Long Phú."),
    ("Nhà ở khu phố 2, phường Linh Trung.", "Nhà ở [địa chỉ], phường Linh Trung."),
    ("Tôi thường trú tại 27 Nguyễn Trãi, phường 2.", "Tôi thường trú tại [địa chỉ], phường 2."),
    ("Hẻm 12/5 đường số 7, phường An Lạc.", "[địa chỉ], phường An Lạc."),
    ("Tôi ở số 10, tổ 7, phường Tương Mai.", "Tôi ở [địa chỉ], phường Tương Mai."),
    # Land parcels: the numbers go, the words stay.
    (
        "Thửa đất số 123, tờ bản đồ số 45 của gia đình tôi chưa được cấp sổ.",
        "Thửa đất số [số thửa đất], tờ bản đồ số [số thửa đất] của gia đình tôi chưa được cấp sổ.",
    ),
    (
        "Tôi có thửa 210 và 211 thuộc tờ bản đồ 7.",
        "Tôi có thửa [số thửa đất] và [số thửa đất] thuộc tờ bản đồ [số thửa đất].",
    ),
    ("Thửa số 145 tờ 9 đã bị thu hồi.", "Thửa số [số thửa đất] tờ [số thửa đất] đã bị thu hồi."),
    # Names after kinship words, including family names that are also common nouns (Đoàn).
    (
        "Con trai tôi là Đoàn Văn Hậu, sinh năm 2001.",
        "Con trai tôi là [họ tên], sinh năm 2001.",
    ),
    ("Mẹ chồng tôi là bà Trương Thị Lành.", "Mẹ chồng tôi là bà [họ tên]."),
    ("Người được ủy quyền là ông Cao Văn Đạt.", "Người được ủy quyền là ông [họ tên]."),
    ("Anh Hùng hàng xóm xây lấn sang đất.", "Anh [họ tên] hàng xóm xây lấn sang đất."),
    ("Công dân Ksor H'Bla hỏi về nhà ở.", "Công dân [họ tên] hỏi về nhà ở."),
    ("Sổ hồng đứng tên Chu Minh Đức.", "Sổ hồng đứng tên [họ tên]."),
    ("Mua đất của vợ chồng ông Sáu bà Lài.", "Mua đất của vợ chồng ông [họ tên] bà [họ tên]."),
    # Names with no cue: a family name and capitalised syllables, in any case.
    ("Giấy khai sinh ghi Hoàng Văn Tám là cha.", "Giấy khai sinh ghi [họ tên] là cha."),
    ("Sổ đỏ cấp cho hộ NGUYỄN VĂN THỌ.", "Sổ đỏ cấp cho hộ [họ tên]."),
    # Round 2, from text written by someone else: house numbers before an alley or street,
    # buildings with letter codes, mountain hamlets, capitals, odd spacing, pairs of digits.
    ("Gia đình tôi ở căn hộ 903 tòa CT1, khu đô thị Văn Quán.", "Gia đình tôi ở [địa chỉ]."),
    ("Nhà cháu ở 34 hẻm 7 Lê Văn Sỹ, phường 13.", "Nhà cháu ở [địa chỉ], phường 13."),
    ("nha toi o 21 kiet 8 Hoang Dieu, phuong Hai Chau", "nha toi o [địa chỉ], phuong Hai Chau"),
    (
        "Tôi thuê trọ ở 88C đường 30 Tháng 4, khu phố 2, phường 9.",
        "Tôi thuê trọ ở [địa chỉ], phường 9.",
    ),
    ("Mẹ tôi ở bản Co Mạ, xã Thuận Châu.", "Mẹ tôi ở [địa chỉ], xã Thuận Châu."),
    ("NHÀ TÔI Ở XÓM BÃI, XÃ ĐỒNG TÂM.", "NHÀ TÔI Ở [địa chỉ], XÃ ĐỒNG TÂM."),
    ("Địa chỉ: 102 NGÕ 15 HOÀNG HOA THÁM.", "Địa chỉ: [địa chỉ]."),
    (
        "Gia đình vừa dọn về 14/2 Bạch Đằng, tổ 4, phường An Hải.",
        "Gia đình vừa dọn về [địa chỉ], phường An Hải.",
    ),
    (
        "Cửa hàng của tôi, 56 Bạch Đằng, phường Hải Châu 1, bị mất điện.",
        "Cửa hàng của tôi, [địa chỉ], phường Hải Châu 1, bị mất điện.",
    ),
    ("Tôi ở thôn  Phú  Lộc , xã Tân Lập.", "Tôi ở [địa chỉ] , xã Tân Lập."),
    ("Tôi ở cụm 2, xã Liên Hà.", "Tôi ở [địa chỉ], xã Liên Hà."),
    ("Nhờ gọi 03 58 12 34 56 giúp tôi.", "Nhờ gọi [số điện thoại] giúp tôi."),
    # Family names that are also words (Phó, Mã, Ông), and a bank's capitals without diacritics.
    ("Kính gửi bà Phó Thị Hạnh.", "Kính gửi bà [họ tên]."),
    ("Người bán là ông Mã Quốc Khánh.", "Người bán là ông [họ tên]."),
    ("Tôi là Ông Thị Hoa, ở xã Tân Lập.", "Tôi là [họ tên], ở xã Tân Lập."),
    (
        "Tiền chuyển vào STK 0451000123456 mang tên TRAN THI MAI ANH.",
        "Tiền chuyển vào STK [số tài khoản] mang tên [họ tên].",
    ),
    # Round 2, the same kinds in other words: numbered hamlets and streets, forms' residence
    # cues, flats and floors with their building, phones and IDs with odd separators, lower-case
    # plates and names typed without diacritics, names of the mountain and highland peoples.
    ("Gia đình tôi ở ấp Bình Hòa 2, xã Tân Phú.", "Gia đình tôi ở [địa chỉ], xã Tân Phú."),
    ("Tôi ở 215 Cách Mạng Tháng 8, phường 10.", "Tôi ở [địa chỉ], phường 10."),
    ("Thường trú: 12 Lý Thường Kiệt, phường Trần Phú.", "Thường trú: [địa chỉ], phường Trần Phú."),
    ("ĐC: 45 Lê Lợi, P. Bến Thành.", "ĐC: [địa chỉ], P. Bến Thành."),
    ("Tôi mua căn hộ A-1205 chung cư Hà Đô.", "Tôi mua [địa chỉ]."),
    ("Tôi ở tầng 5 tòa nhà Sông Đà, phường Mỹ Đình.", "Tôi ở [địa chỉ], phường Mỹ Đình."),
    ("Tôi ở phòng 305 nhà B4 khu tập thể Kim Liên.", "Tôi ở [địa chỉ]."),
    ("Tôi ở lô B2-15 khu dân cư Vĩnh Phú.", "Tôi ở [địa chỉ]."),
    (
        "Liên hệ 09 1234 5678 hoặc +84 (0) 912 345 678.",
        "Liên hệ [số điện thoại] hoặc [số điện thoại].",
    ),
    ("Số CCCD 038-096-001-234 cấp năm 2021.", "Số CCCD [số CCCD/CMND] cấp năm 2021."),
    ("Hộ chiếu số E12345678 của tôi.", "Hộ chiếu số [số hộ chiếu] của tôi."),
    ("BHXH số 0123456789 của mẹ tôi bị sai.", "BHXH số [mã số BHXH] của mẹ tôi bị sai."),
    ("Chuyển khoản vào 0071000123456 Vietcombank.", "Chuyển khoản vào [số tài khoản] Vietcombank."),
    ("xe may bien so 29a1-234.56 bi mat", "xe may bien so [biển số xe] bi mat"),
    (
        "Thửa đất có số hiệu 245, tờ bản đồ 17.",
        "Thửa đất có số hiệu [số thửa đất], tờ bản đồ [số thửa đất].",
    ),
    ("toi ten la nguyen van binh o thon 3", "toi ten la [họ tên] o [địa chỉ]"),
    ("me em la ba hoang thi nhung bi benh", "me em la ba [họ tên] bi benh"),
    ("Danh sách gồm: Sùng Seo Chứ, Thào A Tủa.", "Danh sách gồm: [họ tên], [họ tên]."),
    ("Hồ sơ của Y Bhin Niê và H'Hen Niê.", "Hồ sơ của [họ tên] và [họ tên]."),
    # Typed without diacritics.
    ("Toi ten la Nguyen Van Binh, o thon 4.", "Toi ten la [họ tên], o [địa chỉ]."),
    ("Bo toi la Vo Van Muoi.", "Bo toi la [họ tên]."),
    ("Nha toi o so 25 kiet 112 Ong Ich Khiem.", "Nha toi o [địa chỉ]."),
    # Phones in more formats.
    ("Điện thoại: (+84) 988 123 456.", "Điện thoại: [số điện thoại]."),
    ("Gọi 0977-12-34-56 nhé.", "Gọi [số điện thoại] nhé."),
    ("SĐT: (0236) 3 822 456.", "SĐT: [số điện thoại]."),
    # Other identifiers.
    ("Hộ chiếu số C1234567 hết hạn.", "Hộ chiếu số [số hộ chiếu] hết hạn."),
    ("Mã số thuế cá nhân 8123456789 bị khóa.", "Mã số thuế cá nhân [mã số thuế] bị khóa."),
    ("MST 0401234567-001 của chi nhánh.", "MST [mã số thuế] của chi nhánh."),
    ("Mã số BHXH của tôi là 7912345678.", "Mã số BHXH của tôi là [mã số BHXH]."),
    ("Thẻ BHYT GD4797912345678 hết hạn.", "Thẻ BHYT [mã số BHXH] hết hạn."),
    ("Chuyển vào STK 1903 5678 9012 34.", "Chuyển vào STK [số tài khoản]."),
    (
        "Số tài khoản ngân hàng Agribank của tôi là 4000-205-123456.",
        "Số tài khoản ngân hàng Agribank của tôi là [số tài khoản].",
    ),
    ("Giấy phép lái xe hạng A1 số 480123456.", "Giấy phép lái xe hạng A1 số [số CCCD/CMND]."),
    ("Xe biển số 51F-123.45 bị phạt.", "Xe biển số [biển số xe] bị phạt."),
    ("Xe 29A1-234.56 và xe 30E-12345.", "Xe [biển số xe] và xe [biển số xe]."),
    ("Xe mô tô 59-X1 123.45 bị giữ.", "Xe mô tô [biển số xe] bị giữ."),
    # Addresses in more shapes.
    (
        "Tôi ở số 47 hẻm 215 đường Trần Khắc Chân, phường Tân Định.",
        "Tôi ở [địa chỉ], phường Tân Định.",
    ),
    ("Nhà tôi ở kiệt 45 Hoàng Diệu, phường Phước Ninh.", "Nhà tôi ở [địa chỉ], phường Phước Ninh."),
    (
        "Địa chỉ: số 78, đường 30 tháng 4, phường Xuân Khánh.",
        "Địa chỉ: [địa chỉ], phường Xuân Khánh.",
    ),
    (
        "Tôi ở số 21 Nguyễn Thị Minh Khai, phường Thạch Thang.",
        "Tôi ở [địa chỉ], phường Thạch Thang.",
    ),
    ("Nhà tại lô B12 khu đô thị Phú Mỹ, phường An Hải.", "Nhà tại [địa chỉ], phường An Hải."),
    ("Hộ tôi ở đội 5, thôn Trung, xã Hải Đường.", "Hộ tôi ở [địa chỉ], xã Hải Đường."),
    # Round 3, from a second outside author and beyond: plots of resettlement estates, flats
    # and rooms with their building, highways, Đà Nẵng's "K" alleys, numbers with a letter.
    ("Gia đình tôi ở ô 17 lô A5 khu tái định cư Phước Lý.", "Gia đình tôi ở [địa chỉ]."),
    ("Nhà em ở số 9 lô C2 khu đô thị Phú Mỹ An.", "Nhà em ở [địa chỉ]."),
    ("Tôi ở 12 lô B khu dân cư Bắc Sơn, phường 3.", "Tôi ở [địa chỉ], phường 3."),
    ("Tôi mua căn hộ 1203 tòa A2 chung cư Vinaconex 7.", "Tôi mua [địa chỉ]."),
    ("Nha em o phong 12 nha C1 tap the Thanh Xuan Bac.", "Nha em o [địa chỉ]."),
    (
        "Tôi thuê phòng 7, số 22 ngõ 41 Thái Hà, phường Trung Liệt.",
        "Tôi thuê [địa chỉ], phường Trung Liệt.",
    ),
    ("Em ở phòng trọ số 4, dãy trọ Hưng Thịnh, tổ 6.", "Em ở [địa chỉ]."),
    ("Cửa hàng ở số 215 Quốc lộ 13, ấp Bình Đức.", "Cửa hàng ở [địa chỉ]."),
    ("Địa chỉ: 45 tỉnh lộ 10, xã Tân Hiệp.", "Địa chỉ: [địa chỉ], xã Tân Hiệp."),
    ("Nhà bà ngoại ở K45/12 Ông Ích Khiêm.", "Nhà bà ngoại ở [địa chỉ]."),
    ("nha toi o k12/3 Le Duan", "nha toi o [địa chỉ]"),
    ("Hàng xóm ở thôn 3 lấn đất.", "Hàng xóm ở [địa chỉ] lấn đất."),
    ("Sổ hộ khẩu ghi số 15/4B Lê Lợi là chỗ ở.", "Sổ hộ khẩu ghi [địa chỉ] là chỗ ở."),
    ("Hàng xóm số 27C Trần Cao Vân xây lấn.", "Hàng xóm [địa chỉ] xây lấn."),
    ("Họ đến tận nhà tôi số 8/2 Hùng Vương đòi nợ.", "Họ đến tận nhà tôi [địa chỉ] đòi nợ."),
    ("Nhà tôi ở 45/12 kiệt 3 Hoàng Diệu.", "Nhà tôi ở [địa chỉ]."),
    # Numbers grouped as people copy them; cards and foreign passports.
    ("Mã số BHXH 7912 345 678 của tôi bị trùng.", "Mã số BHXH [mã số BHXH] của tôi bị trùng."),
    ("ma bhxh 0123.456.789 sai ngay sinh", "ma bhxh [mã số BHXH] sai ngay sinh"),
    ("Thẻ BHYT HS 4 01 0123456789 của con tôi.", "Thẻ BHYT [mã số BHXH] của con tôi."),
    ("the bhyt so dn4790123456789 het han", "the bhyt so [mã số BHXH] het han"),
    ("Thẻ TE1010123456789 cấp cho cháu.", "Thẻ [mã số BHXH] cấp cho cháu."),
    ("Mã số thuế 8102 354 617 bị khóa.", "Mã số thuế [mã số thuế] bị khóa."),
    ("Hộ chiếu của chồng tôi là EA1234567.", "Hộ chiếu của chồng tôi là [số hộ chiếu]."),
    ("Passport số M58203714 hết hạn.", "Passport số [số hộ chiếu] hết hạn."),
    ("Số của tôi là 038.096.001.234 nhé.", "Số của tôi là [số CCCD/CMND] nhé."),
    (
        "Con tôi 0380 9600 1234, vợ tôi 079190 001234.",
        "Con tôi [số CCCD/CMND], vợ tôi [số CCCD/CMND].",
    ),
    # Names: long royal names, hyphenated foreign given names, a family name that is a word,
    # and a place name that is also a name's start ("bà Triệu" is a street, "bà Triệu Thị …" not).
    ("Cụ Công Tằng Tôn Nữ Thị Hạnh mất năm 2019.", "Cụ [họ tên] mất năm 2019."),
    (
        "Chồng tôi là anh Park Ji-hoon, quốc tịch Hàn Quốc.",
        "Chồng tôi là anh [họ tên], quốc tịch Hàn Quốc.",
    ),
    ("Toi la Quan Van Hai, o xa Binh Son.", "Toi la [họ tên], o xa Binh Son."),
    ("Người làm đơn là bà Sầm Thị Pha.", "Người làm đơn là bà [họ tên]."),
    ("Xin trả lời bà Triệu Thị Lan như sau.", "Xin trả lời bà [họ tên] như sau."),
    # Round 4: a house number before a hamlet or group, an alley named after a market or a
    # pagoda, flats numbered with a dot, a slashed number and its street alone, a passport
    # of digits only, an ID number on the line after its label.
    (
        "Gia đình tôi ở 37 tổ 8 khu phố 2, phường An Bình.",
        "Gia đình tôi ở [địa chỉ], phường An Bình.",
    ),
    ("Hiện cư trú 105 tổ 2 ấp Tân Lập, xã Phú Hòa.", "Hiện cư trú [địa chỉ], xã Phú Hòa."),
    (
        "Căn nhà 9A tổ 11, phường Quang Trung là của mẹ tôi.",
        "Căn nhà [địa chỉ], phường Quang Trung là của mẹ tôi.",
    ),
    ("Tôi thuê trọ 28 ngõ chùa Hà, quận Cầu Giấy.", "Tôi thuê trọ [địa chỉ], quận Cầu Giấy."),
    ("Nhà bà ấy ở số 3 ngách đình Kim Liên.", "Nhà bà ấy ở [địa chỉ]."),
    ("Tôi ở căn hộ 08.11 tòa B chung cư Hòa Bình.", "Tôi ở [địa chỉ]."),
    (
        "Kính gửi ông Tạ Quang Vinh (118/9 Lý Thường Kiệt): hồ sơ đã đủ.",
        "Kính gửi ông [họ tên] ([địa chỉ]): hồ sơ đã đủ.",
    ),
    ("Chị ấy dọn về 56/12 Nguyễn Văn Đậu từ tháng 3.", "Chị ấy dọn về [địa chỉ] từ tháng 3."),
    ("Giao giấy tờ cho bà Mai, 9/3A Trần Quang Diệu.", "Giao giấy tờ cho bà [họ tên], [địa chỉ]."),
    ("Hộ chiếu Úc số 412883091 của tôi còn hạn.", "Hộ chiếu Úc số [số hộ chiếu] của tôi còn hạn."),
    ("Passport Canada: 95120347, cấp năm 2019.", "Passport Canada: [số hộ chiếu], cấp năm 2019."),
    ("Số CMND cũ:\n024681357", "Số CMND cũ:\n[số CCCD/CMND]"),
    ("CMND:\n  212345678 cấp ở Quảng Ngãi.", "CMND:\n  [số CCCD/CMND] cấp ở Quảng Ngãi."),
    # Names: an informal "tui tên", a given name that is also a word after Văn/Thị, a given
    # name that is a kinship word, a lone given name in parentheses after a phone, a kinship
    # word or "tôi".
    ("tui ten Thach Sa Rin, o soc Trang", "tui ten [họ tên], o soc Trang"),
    ("Tui tên Danh Sóc Kha, làm nghề biển.", "Tui tên [họ tên], làm nghề biển."),
    (
        "Đất này tôi mua của ông Trần Văn Của từ năm 2001.",
        "Đất này tôi mua của ông [họ tên] từ năm 2001.",
    ),
    ("Bà Lê Thị Nào đã ủy quyền cho con.", "Bà [họ tên] đã ủy quyền cho con."),
    (
        "Chồng tôi là Phạm Minh Anh; anh Anh hiện ở Đức.",
        "Chồng tôi là [họ tên]; anh [họ tên] hiện ở Đức.",
    ),
    (
        "Con tôi tên Trần Bảo Anh, cháu Anh năm nay 6 tuổi.",
        "Con tôi tên [họ tên], cháu [họ tên] năm nay 6 tuổi.",
    ),
    ("Vợ tôi là Đào Thị Cô, nay cô Cô đã mất.", "Vợ tôi là [họ tên], nay cô [họ tên] đã mất."),
    (
        "Cần hỏi thêm xin gọi 0905 114 227 (Tuấn).",
        "Cần hỏi thêm xin gọi [số điện thoại] ([họ tên]).",
    ),
    (
        "SĐT: 0987.221.330 (Phượng) hoặc 0912 883 441 (Quân).",
        "SĐT: [số điện thoại] ([họ tên]) hoặc [số điện thoại] ([họ tên]).",
    ),
    ("Mẹ tôi (Lựu) đã 80 tuổi.", "Mẹ tôi ([họ tên]) đã 80 tuổi."),
    ("Anh trai tôi (Khôi) đang đi làm ở Nhật.", "Anh trai tôi ([họ tên]) đang đi làm ở Nhật."),
    ("Xin nhắn lại cho tôi (Hạnh) qua email.", "Xin nhắn lại cho tôi ([họ tên]) qua email."),
    (
        "Cơ sở may của tôi tại 66/2A Trần Quang Diệu có phải lập nội quy không?",
        "Cơ sở may của tôi tại [địa chỉ] có phải lập nội quy không?",
    ),
    (
        "Liên hệ 0912 345 111 (Zalo) để được hỗ trợ.",
        "Liên hệ [số điện thoại] (Zalo) để được hỗ trợ.",
    ),
    (
        "Gọi số 0236 3822 111 (Hà Nội) hoặc số khác.",
        "Gọi số [số điện thoại] (Hà Nội) hoặc số khác.",
    ),
]

# Text that must come out unchanged: public context that only looks like personal data.
KEPT = [
    "Theo khoản 13 Điều 1 Nghị định 140/2018/NĐ-CP ngày 8/10/2018 của Chính phủ.",
    "Điều 28 Nghị định 44/2016/NĐ-CP quy định hồ sơ cấp mới.",
    "Căn cứ Luật Đất đai số 31/2024/QH15 và Thông tư 10/2024/TT-BTNMT.",
    "Lệ phí là 5.000.000 đồng cho mỗi hồ sơ.",
    "Mức phạt từ 20.000.000 đến 40.000.000 đồng.",
    "Số tiền 123456789 đồng đã được chuyển.",
    "Tổng vốn đầu tư 84.000.000.000 đồng.",
    "Tôi làm việc từ năm 1998 đến năm 2024.",
    "Hồ sơ nộp ngày 05/10/2024, hẹn trả ngày 15.10.2024 lúc 09.30.",
    "Quyết định số 0123/QĐ-UBND ngày 12/3/2025.",
    "Kính gửi Ủy ban nhân dân xã và Chủ tịch UBND phường.",
    "Tôi đã gửi đơn lên Sở Tài nguyên và Môi trường và Bộ Tài chính.",
    "Thủ tướng Chính phủ đã ban hành chỉ thị về vấn đề này.",
    "Ông Chủ Tịch xã trả lời rằng hồ sơ chưa đủ.",
    "Tôi là Việt Kiều đang sinh sống ở Đức.",
    "Tôi là Chủ tịch Hội Nông dân xã.",
    "Tôi sinh ra ở Bà Rịa, tỉnh Bà Rịa - Vũng Tàu.",
    "Hãy gọi tổng đài 1900 1234 hoặc 1800 5678 để được hỗ trợ.",
    "Diện tích đất là 120 m2, chiều rộng 5 m.",
    "Tôi tạm trú ở thành phố Buôn Ma Thuột, tỉnh Đắk Lắk.",
    "Bản sao giấy tờ có chứng thực được nộp ở bộ phận một cửa.",
    "Doanh nghiệp có 120 lao động, trong đó 45 lao động nữ.",
    "Văn bản Ủy ban nhân dân tỉnh gửi kèm 02 bản Kế hoạch thực hiện.",
    "Danh mục theo phiên bản 2022 của hệ thống hài hòa.",
    "Thông tư của Bộ Nông nghiệp và Phát triển nông thôn Quy định về giống cây trồng.",
    "Trên giấy khai sinh, quê quán của cháu là Thanh Hóa.",
    "Anh tôi là Hà Nội gốc.",
    # Streets, schools, wards and places named after people.
    "Dự án mở rộng đường Trần Khắc Chân sẽ triển khai năm 2025.",
    "Trường THPT Nguyễn Du và trường THCS Lê Quý Đôn tuyển sinh lớp 10.",
    "Phường Nguyễn Trãi thuộc quận Hà Đông, gần phố Lê Lợi.",
    "Đường Lý Thái Tổ đang được cải tạo vỉa hè.",
    "Lê Lợi là tuyến đường đẹp nhất thành phố Vinh.",
    "Cầu Trần Thị Lý và công viên Lê Văn Tám.",
    "Duong Nguyen Van Linh dang thi cong.",
    "Cao Bằng và Lâm Đồng đã hoàn thành việc cấp giấy.",
    # Officials in office, example names, organisations, roles.
    "Chủ tịch UBND tỉnh Nguyễn Văn Phương chỉ đạo giải quyết.",
    "Trường hợp ông Nguyễn Văn A mua đất của ông Trần Văn B bằng giấy tay.",
    "Đoàn Thanh niên phường tổ chức hiến máu.",
    "Tôi là Giáo viên ở xã.",
    # Numbers that are not anyone's.
    "Chi cục Thuế khu vực Cẩm Lệ tiếp nhận tờ khai.",
    "Tài khoản định danh điện tử mức độ 2 thay cho CCCD.",
    "Chi phí hạch toán vào tài khoản 811.",
    "Mã hồ sơ 000.00.15.H17-240812-0012 đang thẩm định.",
    "Nộp theo Mẫu số 04a/ĐK, lệ phí 135.000 đồng.",
    # Seen in the public dvc_faq answers: letters for people, compounds, lists, capitals.
    "Cơ sở ông A muốn trở thành cơ sở khảo nghiệm; anh K đăng ký ở phường B.",
    "Quyết định về việc công bố TTHC thay thế trong lĩnh vực chất lượng.",
    "Thi một trong các thứ tiếng Anh, Nga, Pháp, Đức.",
    "Kèm bản sao thẻ Căn cước công dân, Chứng minh nhân dân hoặc Hộ chiếu.",
    "Tên TTHC: Cấp lại giấy chứng nhận đăng ký.",
    "Mỗi Văn phòng công chứng sáp nhập cử một người.",
    "Nay Công ty bổ sung thêm kho hàng.",
    "Học tại bệnh viện quân đội 108 trong 9 tháng.",
    "Thực hiện theo quy định tại 13 Thông tư số 162/2015/TT-BTC.",
    "Tổ chức Nông Lương Liên Hợp Quốc và Đại Hàn Dân Quốc.",
    "Trình Chủ tịch Ủy ban nhân dân cấp huyện phê duyệt.",
    "Trường Đại học Y Dược cấp bằng tốt nghiệp.",
    "Nộp tại Tp. Hồ Chí Minh hoặc Hà Nội.",
    # Round 2: units talked about, not lived in; an office's seat; documents; words in capitals.
    "Sau khi sáp nhập, các thôn Đông Hòa và Tây Hòa có đổi tên thành thôn 1 không?",
    "Trung tâm Phục vụ hành chính công đặt tại số 5 Trần Phú, phường Hải Châu.",
    "Biên bản Đại hội và bản Cam kết gửi kèm hồ sơ.",
    "HỒ SƠ GỒM BẢN SAO CCCD VÀ ĐƠN ĐỀ NGHỊ.",
    "KHU VUC NAY BI SAT LO DAT NANG.",
    "TRUONG CO NHAN HO SO ONLINE KHONG",
    "ĐẾN NAY TÔI CHƯA NHẬN ĐƯỢC ĐỒNG NÀO.",
    "Biên lai thu 18 khoản phí, cấp tại 3 Trung tâm.",
    "Trường Đại học Y Dược Huế tuyển sinh.",
    "Phòng Y Tế huyện trả lời.",
    # A count, a class or a document number before capitals; an office's floor.
    "Con tôi học lớp 12 Trường THPT Nguyễn Du, xã Hòa An.",
    "Hồ sơ nộp tại 2 Ủy ban nhân dân cấp xã.",
    "Giải quyết trong 05 Ngày Làm Việc, xã tiếp nhận.",
    "Căn cứ Nghị định 100 Chính Phủ, xã thực hiện.",
    "Đoàn gồm 5 Cán Bộ, phường Bến Nghé.",
    "Tầng 1 tòa nhà UBND xã là nơi tiếp dân.",
    # Round 3: units merged or counted, priority zones, floors counted, road kilometre marks,
    # historical figures with an epithet or behind a prize, lower case after "đi".
    "Việc sáp nhập hai thôn Đông Hòa và Tây Hòa thành thôn Hòa Bình đã xong chưa?",
    "Chia tách ba tổ dân phố cũ thành tổ 14, tổ 15 được không?",
    "em muon hoi diem uu tien khu vuc 2 nong thon la bao nhieu",
    "XIN PHEP XAY NHA 3 TANG O NONG THON CO CAN KHONG",
    "Nhà tôi 2 tầng, diện tích 80 m2.",
    "Đoạn Km 12+300 Quốc lộ 1A bị sạt lở.",
    "Tuyến quốc lộ 14 qua xã đang sửa.",
    "Đền thờ Trạng Trình Nguyễn Bỉnh Khiêm mở cửa cả tuần.",
    "Quỹ học bổng Vừ A Dính nhận hồ sơ đến tháng 9.",
    "Giải thưởng Trần Văn Giàu trao cho công trình nghiên cứu.",
    "em di lam thi bao lau duoc nghi phep a",
    "Căn cứ Quyết định số 15/2024 Ủy ban nhân dân tỉnh.",
    "Tôi có 5 lô đất ở xã và một căn nhà.",
    "Tôi sinh ở Bà Rịa-Vũng Tàu.",
    # Round 4: abbreviations with no vowel, words in capitals typed without diacritics that
    # start like a family name, units about to merge, money after a unit word, an office's
    # address after its name, a cemetery named after a mountain range, contact words and
    # places in parentheses.
    "chong toi di XKLD Han Quoc tu nam 2019",
    "Toi nop ho so o TTHCC huyen roi.",
    "NHA BEN CANH LAM NHA LAN SANG DAT NHA TOI",
    "TOI DA GUI DON NHUNG KHONG AI TRA LOI",
    "Nghe nói thôn Đông Sơn và thôn Tây Sơn sẽ được sáp nhập, giấy tờ có phải đổi không?",
    "Xóm Bến và xóm Chùa dự kiến hợp nhất vào năm sau.",
    "can bo doi 50 trieu moi lam cho",
    "Khu 2 triệu đồng một mét vuông là giá nào?",
    "Bộ phận tiếp nhận của UBND huyện ở 12 Hùng Vương làm việc cả thứ Bảy.",
    "Chi cục Thuế khu vực tại 45 Lê Duẩn nhận tờ khai trực tiếp.",
    "Nghĩa trang liệt sĩ Đường 9 và nghĩa trang Hàng Dương mở cửa hằng ngày.",
    "Tôi muốn viếng nghĩa trang Trường Sơn vào tháng 7.",
    "Nghĩa trang liệt sĩ Trường Sơn có tra cứu phần mộ không?",
    "Tôi (Người làm đơn) xin cam đoan.",
    "Hẹn gặp ngày 2/9 Quốc Khánh tại nhà văn hóa.",
    "Từ 30/4 Giải Phóng đến nay gia đình tôi ở đây.",
    "Nghỉ lễ 2/9 Quốc Khánh bốn ngày.",
    "Theo Thông tư 56/2014 Bộ Tài chính, xã thu phí.",
]


@pytest.mark.parametrize(("original", "expected"), REDACTED)
def test_it_redacts_personal_data(original: str, expected: str) -> None:
    assert redact(original).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_it_keeps_public_context(text: str) -> None:
    result = redact(text)
    assert result.text == text
    assert result.findings == ()


@pytest.mark.parametrize(("original", "expected"), REDACTED)
def test_findings_point_into_the_original_text(original: str, expected: str) -> None:
    findings = redact(original).findings
    assert findings
    for finding in findings:
        assert original[finding.start : finding.end] == finding.original


def test_it_reports_kinds_and_offsets() -> None:
    text = "Tôi là Lê Thu Hà, điện thoại 0903 111 222, email ha.le@example.vn."
    assert redact(text) == Redaction(
        text="Tôi là [họ tên], điện thoại [số điện thoại], email [email].",
        findings=(
            Finding(Kind.NAME, 7, 16, "Lê Thu Hà"),
            Finding(Kind.PHONE, 29, 41, "0903 111 222"),
            Finding(Kind.EMAIL, 49, 65, "ha.le@example.vn"),
        ),
    )


def test_it_merges_the_parts_of_one_address() -> None:
    text = "Tôi ở số nhà 8, ngách 3, ngõ 15, phố Huế, phường Hai Bà Trưng."
    result = redact(text)
    assert result.text == "Tôi ở [địa chỉ], phường Hai Bà Trưng."
    assert [(f.kind, f.original) for f in result.findings] == [
        (Kind.ADDRESS, "số nhà 8, ngách 3, ngõ 15, phố Huế"),
    ]


def test_it_uses_a_placeholder_for_every_kind() -> None:
    assert set(PLACEHOLDERS) == set(Kind)
    assert all(p.startswith("[") and p.endswith("]") for p in PLACEHOLDERS.values())


# (text, expected redacted text) with the asker's known values ASKER.
KNOWN_VARIANTS = [
    ("Nguyễn Văn An xin hỏi.", "[họ tên] xin hỏi."),
    ("NGUYỄN VĂN AN xin hỏi.", "[họ tên] xin hỏi."),
    ("Nguyen Van An xin hoi.", "[họ tên] xin hoi."),
    ("nguyen van an xin hoi.", "[họ tên] xin hoi."),
    ("Chữ ký: Văn An.", "Chữ ký: [họ tên]."),
    ("Xin chuyển lời tới anh An giúp.", "Xin chuyển lời tới anh [họ tên] giúp."),
    ("Gửi ong An, can bo dia chinh.", "Gửi ong [họ tên], can bo dia chinh."),
    ("Gọi 0912345678 nhé.", "Gọi [số điện thoại] nhé."),
    ("Gọi 0912.345.678 nhé.", "Gọi [số điện thoại] nhé."),
    ("Gọi +84912345678 nhé.", "Gọi [số điện thoại] nhé."),
    ("Gọi +84 912 345 678 nhé.", "Gọi [số điện thoại] nhé."),
    ("Gọi 0084 912-345-678 nhé.", "Gọi [số điện thoại] nhé."),
    ("Thư gửi AN.NGUYEN@EXAMPLE.VN rồi.", "Thư gửi [email] rồi."),
]


@pytest.mark.parametrize(("text", "expected"), KNOWN_VARIANTS)
def test_it_redacts_known_values_in_any_spelling(text: str, expected: str) -> None:
    assert redact(text, known=ASKER).text == expected


@pytest.mark.parametrize(("text", "expected"), KNOWN_VARIANTS)
def test_it_refuses_text_with_known_values_in_any_spelling(text: str, expected: str) -> None:
    assert contains_personal_data(text, known=ASKER) != []


# Text that must not be taken for the asker's known values ASKER.
NOT_KNOWN = [
    "Anh an tâm, hồ sơ đã được tiếp nhận.",  # given name, but lower case: "an tâm"
    "Chị ăn trưa rồi quay lại làm việc.",  # "ăn" is not "An"
    "Cần bảo đảm an toàn lao động.",
    "An ninh trật tự tại địa phương ổn định.",  # "An" without an honorific
    "Ông Nguyễn Văn Ân là người khác.",  # other diacritics: another person
    "Số 0912 345 679 không phải của tôi.",
    "Hồ sơ do Ban biên tập trả lời.",
]


@pytest.mark.parametrize("text", NOT_KNOWN)
def test_it_does_not_take_other_words_for_known_values(text: str) -> None:
    assert contains_personal_data(text, known=ASKER) == []


def test_it_only_reports_known_values_before_publishing() -> None:
    text = "Tôi là Trần Văn Bình, hàng xóm của anh An, số 0987 654 321."
    assert [f.original for f in contains_personal_data(text, known=ASKER)] == ["An"]


def test_it_accepts_a_cleaned_text_for_publishing() -> None:
    cleaned = redact("Tôi là Nguyễn Văn An, số 0912 345 678.", known=ASKER).text
    assert contains_personal_data(cleaned, known=ASKER) == []


def test_it_matches_known_values_typed_without_diacritics() -> None:
    text = "Nguyễn Văn An gửi câu hỏi."
    assert contains_personal_data(text, known=["Nguyen Van An"]) == [
        Finding(Kind.NAME, 0, 13, "Nguyễn Văn An"),
    ]


def test_it_ignores_empty_and_too_short_known_values() -> None:
    assert contains_personal_data("Tôi năm nay 45 tuổi.", known=["", "  ", "45", "A"]) == []


def test_it_reports_offsets_in_decomposed_text() -> None:
    text = unicodedata.normalize("NFD", "Tôi tên là Nguyễn Văn An, ở xóm Đông.")
    result = redact(text)
    assert unicodedata.normalize("NFC", result.text) == "Tôi tên là [họ tên], ở [địa chỉ]."
    assert len(result.findings) == 2
    for finding in result.findings:
        assert text[finding.start : finding.end] == finding.original


def test_it_matches_known_values_in_decomposed_text() -> None:
    text = unicodedata.normalize("NFD", "Chữ ký: Nguyễn Văn An.")
    [finding] = contains_personal_data(text, known=ASKER)
    assert unicodedata.normalize("NFC", finding.original) == "Nguyễn Văn An"
    assert text[finding.start : finding.end] == finding.original

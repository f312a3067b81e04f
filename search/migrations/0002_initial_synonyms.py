from django.db import migrations

# Abbreviations and everyday names citizens type for administrative terms.
INITIAL = [
    ("sổ đỏ", ["giấy chứng nhận quyền sử dụng đất", "sổ hồng"]),
    ("CCCD", ["căn cước công dân", "thẻ căn cước"]),
    ("CMND", ["chứng minh nhân dân"]),
    ("BHXH", ["bảo hiểm xã hội"]),
    ("BHYT", ["bảo hiểm y tế"]),
    ("BHTN", ["bảo hiểm thất nghiệp"]),
    ("GPLX", ["giấy phép lái xe", "bằng lái xe"]),
    ("MST", ["mã số thuế"]),
    ("TNCN", ["thu nhập cá nhân"]),
    ("UBND", ["ủy ban nhân dân", "uỷ ban nhân dân"]),
    ("GCN", ["giấy chứng nhận"]),
    ("ĐKKD", ["đăng ký kinh doanh"]),
]


def add(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, expansions in INITIAL:
        Synonym.objects.get_or_create(term=term, defaults={"expansions": "\n".join(expansions)})


def remove(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(term__in=[term for term, _ in INITIAL]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]

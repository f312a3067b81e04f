"""Shared helpers of the routing tests: a small synthetic corpus and an isolated model directory.

The corpus is written for these tests (three units, templated sentences), so they need no data
set and run in a second.
"""

from __future__ import annotations

import itertools

import pytest

from routing import services

SUBJECTS = {
    "land": [
        "cấp giấy chứng nhận quyền sử dụng đất",
        "sổ đỏ cho thửa đất thừa kế",
        "chuyển mục đích sử dụng đất nông nghiệp",
        "tranh chấp ranh giới đất đai với hàng xóm",
        "đo đạc lại diện tích thửa đất",
    ],
    "tax": [
        "quyết toán thuế thu nhập cá nhân",
        "đăng ký mã số thuế cho hộ kinh doanh",
        "hóa đơn điện tử của doanh nghiệp",
        "hoàn thuế giá trị gia tăng",
        "nộp thuế môn bài hằng năm",
    ],
    "health": [
        "thẻ bảo hiểm y tế cho trẻ em",
        "cấp chứng chỉ hành nghề khám bệnh",
        "tiêm chủng vắc xin cho trẻ nhỏ",
        "giấy phép hoạt động phòng khám tư nhân",
        "khám sức khỏe định kỳ cho người lao động",
    ],
}
OPENERS = ["Xin hỏi về", "Tôi muốn biết thủ tục", "Cho tôi hỏi hồ sơ", "Đề nghị hướng dẫn"]
CLOSERS = ["cần những giấy tờ gì?", "nộp ở đâu và mất bao lâu?", "có mất phí không?"]


def corpus() -> tuple[list[str], list[str]]:
    """180 questions, 60 per unit: each subject with each opener and closer, with its unit."""
    texts, labels = [], []
    for label, subjects in SUBJECTS.items():
        for subject, opener, closer in itertools.product(subjects, OPENERS, CLOSERS):
            texts.append(f"{opener} {subject} {closer}")
            labels.append(label)
    return texts, labels


@pytest.fixture
def models_dir(settings, tmp_path):
    """A private data directory, so no test sees a model trained elsewhere (or leaves one)."""
    settings.DATA_DIR = tmp_path
    services.forget_router()
    yield tmp_path / "models"
    services.forget_router()

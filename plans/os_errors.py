"""What a file-system error means, in Vietnamese: the one place that turns an errno into words.

Reading a plan, writing a sheet and saving from the interface all say the same thing for the same error,
and never pass the system's English through (`error.strerror` is never shown).
"""

from __future__ import annotations

import errno

_REASONS = {
    errno.ENOSPC: "đĩa đã đầy",
    errno.EEXIST: "đã có một tệp trùng tên với thư mục cần tạo",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EISDIR: "đây là một thư mục",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EDQUOT: "đã hết hạn mức dung lượng",
    errno.EIO: "lỗi đọc ghi đĩa",
    errno.ENOENT: "không tìm thấy",
}


def os_reason(error: OSError, writing: bool = False) -> str:
    """Why a file could not be read (or written), in words the officer understands."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return "không có quyền ghi" if writing else "không có quyền đọc"
    return _REASONS.get(error.errno or 0, f"lỗi hệ thống tệp (mã {error.errno})")

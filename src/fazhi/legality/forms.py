from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, StyledForm
from fazhi.core.models import Org
from fazhi.core.params import DateField
from fazhi.core.permissions import visible_orgs

from .choices import CounselKind, CounselStatus, Opinion, SubjectKind
from .models import Counsel

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class RegisterForm(StyledForm):
    future_fields = ("requested_by",)  # the day the submitter needs the opinion
    unit = forms.ModelChoiceField(label="送审单位", queryset=Org.objects.none())
    title = forms.CharField(label="送审事项", max_length=200, help_text="如《××市××管理办法（送审稿）》")
    subject_kind = forms.ChoiceField(label="审核类别", choices=SubjectKind.choices)
    subject_ref = forms.CharField(
        label="关联文件或记录",
        max_length=120,
        required=False,
        help_text="文号或规范性文件、重大决策记录的编号",
    )
    received_on = DateField(label="收件日期", widget=DATE)
    requested_by = DateField(
        label="要求出具意见日期",
        widget=DATE,
        required=False,
        help_text="送审单位要求的日期；《重大行政决策程序暂行条例》第二十六条：一般不少于7个工作日",
    )
    draft_file = forms.FileField(
        label="草案文件",
        required=False,
        help_text="Word（.docx）、文字版 PDF 或 .txt：系统提取其文字作为草案文本，原件存为附件",
    )
    draft_text = forms.CharField(
        label="草案文本",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="上传草案文件的，以文件中的文字为准；未上传的，可在此粘贴草案文本",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = visible_orgs(user).filter(kind="unit")
        self.fields["unit"].widget.attrs["class"] = "form-select tom"


class StartForm(StyledForm):
    """The reviewer who starts the review becomes its 承办人."""

    started_on = DateField(label="开始审核日期", widget=DATE)
    co_reviewers = forms.CharField(label="其他审核人员", max_length=200, required=False)


class ReturnForm(StyledForm):
    returned_on = DateField(label="退回日期", widget=DATE)
    reason = forms.CharField(label="需补充的材料或退回理由", max_length=300)


class NewDraftForm(StyledForm):
    draft_file = forms.FileField(
        label="新版本草案文件",
        help_text="Word（.docx）、文字版 PDF 或 .txt：替换草案文本并重新预审；原版本保留为附件",
    )
    uploaded_on = DateField(label="收到日期", widget=DATE)


class ResubmitForm(StyledForm):
    resubmitted_on = DateField(label="收到补充材料日期", widget=DATE)


class CounselOpinionForm(StyledForm):
    counsel = forms.ModelChoiceField(
        label="法律顾问、公职律师", queryset=Counsel.objects.filter(status=CounselStatus.ACTIVE)
    )
    given_on = DateField(label="提出意见日期", widget=DATE)
    text = forms.CharField(label="法律意见", required=False, widget=TEXTAREA)


class OpinionForm(StyledForm):
    opinion = forms.ChoiceField(label="审核结论", choices=Opinion.choices)
    opinion_on = DateField(label="出具意见日期", widget=DATE)
    opinion_text = forms.CharField(label="书面审核意见", widget=TEXTAREA)
    points = forms.CharField(
        label="意见建议（每行一条）",
        required=False,
        widget=TEXTAREA,
        help_text="每行一条，计入“提出意见建议”条数",
    )


class CloseForm(StyledForm):
    closed_on = DateField(label="办结日期", widget=DATE)


# -- the register --------------------------------------------------------------------------------------


class CounselForm(StyledForm):
    future_fields = ("end_on",)  # the end of the contract period
    unit = forms.ModelChoiceField(label="服务（所在）单位", queryset=Org.objects.none())
    name = forms.CharField(label="姓名", max_length=50)
    kind = forms.ChoiceField(label="类别", choices=CounselKind.choices)
    firm = forms.CharField(label="执业机构", max_length=100, required=False, help_text="法律顾问必填")
    certificate_no = forms.CharField(
        label="证书编号", max_length=60, required=False, help_text="公职律师必填"
    )
    start_on = DateField(label="聘任（取得证书）日期", widget=DATE)
    end_on = DateField(label="聘期届满日期", widget=DATE, required=False)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    note = forms.CharField(label="备注", max_length=300, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_orgs(user)
        self.fields["unit"].widget.attrs["class"] = "form-select tom"


class RenewForm(StyledForm):
    future_fields = ("end_on",)
    end_on = DateField(label="续聘至", widget=DATE)


class EndForm(StyledForm):
    future_fields = ("end_on",)  # a contract that ends on a known day
    end_on = DateField(label="离任（解聘）日期", widget=DATE)
    reason = forms.CharField(label="说明", max_length=300, required=False)

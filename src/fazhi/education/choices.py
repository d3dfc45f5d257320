"""Enumerations of 学法用法: the kinds of study session the office records (中共中央办公厅、国务院办公厅
《关于完善国家工作人员学法用法制度的意见》; 领导干部应知应会党内法规和国家法律清单制度; 工作要点 第4条、第22条)."""

from django.db import models


class SessionKind(models.TextChoices):
    PRE_MEETING = "pre_meeting", "会前学法"  # 政府常务会议、部门党组（党委）会议会前学法
    GROUP = "group", "集中学法"  # 理论学习中心组集体学法
    LECTURE = "lecture", "法治专题讲座"  # 工作要点 第4条: 每年至少举办2次以上
    COURT = "court", "旁听庭审"  # 工作要点 第22条: 每年至少组织1次领导干部旁听庭审活动
    TRAINING = "training", "法治培训"
    EXAM = "exam", "学法用法考试"  # 工作要点 第4条: 不少于5次


# Sessions that count as 领导干部集体学法 (study.leader_sessions).
LEADER_KINDS = frozenset({SessionKind.PRE_MEETING, SessionKind.GROUP})
# Sessions whose attendees count as 干部法治培训人次 (study.trainees).
TRAINING_KINDS = frozenset({SessionKind.LECTURE, SessionKind.TRAINING, SessionKind.GROUP})


class Status(models.TextChoices):
    HELD = "held", "已举办"


class AttendeeRole(models.TextChoices):
    SPEAKER = "speaker", "主讲（讲法）"
    ATTENDEE = "attendee", "参加"


class EventKind(models.TextChoices):
    REGISTERED = "registered", "登记学法活动"
    ATTENDEES = "attendees", "登记参加人员"
    SCORES = "scores", "登记考试成绩"

# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'paper_pane.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

from lcplanner.ui.widgets.ordered_list import OrderedTextList

class Ui_PaperPane(object):
    def setupUi(self, PaperPane):
        if not PaperPane.objectName():
            PaperPane.setObjectName(u"PaperPane")
        self.outer = QVBoxLayout(PaperPane)
        self.outer.setObjectName(u"outer")
        self.heading = QLabel(PaperPane)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.PlainText)
        self.heading.setWordWrap(True)

        self.outer.addWidget(self.heading)

        self.note_sections = QLabel(PaperPane)
        self.note_sections.setObjectName(u"note_sections")
        self.note_sections.setTextFormat(Qt.PlainText)
        self.note_sections.setWordWrap(True)

        self.outer.addWidget(self.note_sections)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.label_field_committee = QLabel(PaperPane)
        self.label_field_committee.setObjectName(u"label_field_committee")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_field_committee)

        self.field_committee = QLineEdit(PaperPane)
        self.field_committee.setObjectName(u"field_committee")
        self.field_committee.setClearButtonEnabled(False)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.field_committee)

        self.label_field_item_number = QLabel(PaperPane)
        self.label_field_item_number.setObjectName(u"label_field_item_number")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_field_item_number)

        self.field_item_number = QLineEdit(PaperPane)
        self.field_item_number.setObjectName(u"field_item_number")
        self.field_item_number.setClearButtonEnabled(False)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.field_item_number)

        self.label_field_meeting_date = QLabel(PaperPane)
        self.label_field_meeting_date.setObjectName(u"label_field_meeting_date")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_field_meeting_date)

        self.field_meeting_date = QLineEdit(PaperPane)
        self.field_meeting_date.setObjectName(u"field_meeting_date")
        self.field_meeting_date.setClearButtonEnabled(False)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.field_meeting_date)

        self.label_field_title = QLabel(PaperPane)
        self.label_field_title.setObjectName(u"label_field_title")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_field_title)

        self.field_title = QLineEdit(PaperPane)
        self.field_title.setObjectName(u"field_title")
        self.field_title.setClearButtonEnabled(False)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.field_title)

        self.label_field_report_by = QLabel(PaperPane)
        self.label_field_report_by.setObjectName(u"label_field_report_by")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_field_report_by)

        self.field_report_by = QLineEdit(PaperPane)
        self.field_report_by.setObjectName(u"field_report_by")
        self.field_report_by.setClearButtonEnabled(False)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.field_report_by)

        self.label_field_job_title = QLabel(PaperPane)
        self.label_field_job_title.setObjectName(u"label_field_job_title")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_field_job_title)

        self.field_job_title = QLineEdit(PaperPane)
        self.field_job_title.setObjectName(u"field_job_title")
        self.field_job_title.setClearButtonEnabled(False)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.field_job_title)

        self.label_field_contact_officer = QLabel(PaperPane)
        self.label_field_contact_officer.setObjectName(u"label_field_contact_officer")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_field_contact_officer)

        self.field_contact_officer = QLineEdit(PaperPane)
        self.field_contact_officer.setObjectName(u"field_contact_officer")
        self.field_contact_officer.setClearButtonEnabled(False)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.field_contact_officer)

        self.label_field_telephone = QLabel(PaperPane)
        self.label_field_telephone.setObjectName(u"label_field_telephone")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.label_field_telephone)

        self.field_telephone = QLineEdit(PaperPane)
        self.field_telephone.setObjectName(u"field_telephone")
        self.field_telephone.setClearButtonEnabled(False)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.field_telephone)

        self.label_field_email = QLabel(PaperPane)
        self.label_field_email.setObjectName(u"label_field_email")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.label_field_email)

        self.field_email = QLineEdit(PaperPane)
        self.field_email.setObjectName(u"field_email")
        self.field_email.setClearButtonEnabled(False)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.field_email)

        self.label_field_summary = QLabel(PaperPane)
        self.label_field_summary.setObjectName(u"label_field_summary")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.label_field_summary)

        self.field_summary = QPlainTextEdit(PaperPane)
        self.field_summary.setObjectName(u"field_summary")
        self.field_summary.setTabChangesFocus(True)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.field_summary)

        self.label_field_recommendations_intro = QLabel(PaperPane)
        self.label_field_recommendations_intro.setObjectName(u"label_field_recommendations_intro")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.label_field_recommendations_intro)

        self.field_recommendations_intro = QPlainTextEdit(PaperPane)
        self.field_recommendations_intro.setObjectName(u"field_recommendations_intro")
        self.field_recommendations_intro.setTabChangesFocus(True)
        self.field_recommendations_intro.setMaximumSize(QSize(16777215, 72))

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.field_recommendations_intro)

        self.label_list_recommendations = QLabel(PaperPane)
        self.label_list_recommendations.setObjectName(u"label_list_recommendations")

        self.form.setWidget(11, QFormLayout.ItemRole.LabelRole, self.label_list_recommendations)

        self.list_recommendations = OrderedTextList(PaperPane)
        self.list_recommendations.setObjectName(u"list_recommendations")

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.list_recommendations)

        self.label_field_financial_implications = QLabel(PaperPane)
        self.label_field_financial_implications.setObjectName(u"label_field_financial_implications")

        self.form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.label_field_financial_implications)

        self.field_financial_implications = QPlainTextEdit(PaperPane)
        self.field_financial_implications.setObjectName(u"field_financial_implications")
        self.field_financial_implications.setTabChangesFocus(True)
        self.field_financial_implications.setMaximumSize(QSize(16777215, 72))

        self.form.setWidget(12, QFormLayout.ItemRole.FieldRole, self.field_financial_implications)

        self.label_field_legal_implications = QLabel(PaperPane)
        self.label_field_legal_implications.setObjectName(u"label_field_legal_implications")

        self.form.setWidget(13, QFormLayout.ItemRole.LabelRole, self.label_field_legal_implications)

        self.field_legal_implications = QPlainTextEdit(PaperPane)
        self.field_legal_implications.setObjectName(u"field_legal_implications")
        self.field_legal_implications.setTabChangesFocus(True)
        self.field_legal_implications.setMaximumSize(QSize(16777215, 72))

        self.form.setWidget(13, QFormLayout.ItemRole.FieldRole, self.field_legal_implications)

        self.label_field_equalities_implications = QLabel(PaperPane)
        self.label_field_equalities_implications.setObjectName(u"label_field_equalities_implications")

        self.form.setWidget(14, QFormLayout.ItemRole.LabelRole, self.label_field_equalities_implications)

        self.field_equalities_implications = QPlainTextEdit(PaperPane)
        self.field_equalities_implications.setObjectName(u"field_equalities_implications")
        self.field_equalities_implications.setTabChangesFocus(True)
        self.field_equalities_implications.setMaximumSize(QSize(16777215, 72))

        self.form.setWidget(14, QFormLayout.ItemRole.FieldRole, self.field_equalities_implications)

        self.label_list_appendices = QLabel(PaperPane)
        self.label_list_appendices.setObjectName(u"label_list_appendices")

        self.form.setWidget(15, QFormLayout.ItemRole.LabelRole, self.label_list_appendices)

        self.list_appendices = OrderedTextList(PaperPane)
        self.list_appendices.setObjectName(u"list_appendices")

        self.form.setWidget(15, QFormLayout.ItemRole.FieldRole, self.list_appendices)

        self.label_list_background_papers = QLabel(PaperPane)
        self.label_list_background_papers.setObjectName(u"label_list_background_papers")

        self.form.setWidget(16, QFormLayout.ItemRole.LabelRole, self.label_list_background_papers)

        self.list_background_papers = OrderedTextList(PaperPane)
        self.list_background_papers.setObjectName(u"list_background_papers")

        self.form.setWidget(16, QFormLayout.ItemRole.FieldRole, self.list_background_papers)


        self.outer.addLayout(self.form)

#if QT_CONFIG(shortcut)
        self.label_field_committee.setBuddy(self.field_committee)
        self.label_field_item_number.setBuddy(self.field_item_number)
        self.label_field_meeting_date.setBuddy(self.field_meeting_date)
        self.label_field_title.setBuddy(self.field_title)
        self.label_field_report_by.setBuddy(self.field_report_by)
        self.label_field_job_title.setBuddy(self.field_job_title)
        self.label_field_contact_officer.setBuddy(self.field_contact_officer)
        self.label_field_telephone.setBuddy(self.field_telephone)
        self.label_field_email.setBuddy(self.field_email)
        self.label_field_summary.setBuddy(self.field_summary)
        self.label_field_recommendations_intro.setBuddy(self.field_recommendations_intro)
        self.label_list_recommendations.setBuddy(self.list_recommendations)
        self.label_field_financial_implications.setBuddy(self.field_financial_implications)
        self.label_field_legal_implications.setBuddy(self.field_legal_implications)
        self.label_field_equalities_implications.setBuddy(self.field_equalities_implications)
        self.label_list_appendices.setBuddy(self.list_appendices)
        self.label_list_background_papers.setBuddy(self.list_background_papers)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PaperPane)

        QMetaObject.connectSlotsByName(PaperPane)
    # setupUi

    def retranslateUi(self, PaperPane):
        PaperPane.setWindowTitle(QCoreApplication.translate("PaperPane", u"Committee paper", None))
        self.heading.setText(QCoreApplication.translate("PaperPane", u"Committee paper", None))
        self.note_sections.setText(QCoreApplication.translate("PaperPane", u"The paper's numbered sections are under it in the tree: select one to edit its heading and text, or use Edit \u2192 New Child Item to add one.", None))
        self.label_field_committee.setText(QCoreApplication.translate("PaperPane", u"&Committee:", None))
#if QT_CONFIG(accessibility)
        self.field_committee.setAccessibleName(QCoreApplication.translate("PaperPane", u"Committee", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_item_number.setText(QCoreApplication.translate("PaperPane", u"&Item:", None))
#if QT_CONFIG(accessibility)
        self.field_item_number.setAccessibleName(QCoreApplication.translate("PaperPane", u"Item number", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_meeting_date.setText(QCoreApplication.translate("PaperPane", u"&Date of meeting:", None))
#if QT_CONFIG(accessibility)
        self.field_meeting_date.setAccessibleName(QCoreApplication.translate("PaperPane", u"Date of meeting", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_title.setText(QCoreApplication.translate("PaperPane", u"&Title:", None))
#if QT_CONFIG(accessibility)
        self.field_title.setAccessibleName(QCoreApplication.translate("PaperPane", u"Paper title", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_report_by.setText(QCoreApplication.translate("PaperPane", u"&Report by:", None))
#if QT_CONFIG(accessibility)
        self.field_report_by.setAccessibleName(QCoreApplication.translate("PaperPane", u"Report by", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_job_title.setText(QCoreApplication.translate("PaperPane", u"&Job title:", None))
#if QT_CONFIG(accessibility)
        self.field_job_title.setAccessibleName(QCoreApplication.translate("PaperPane", u"Job title", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_contact_officer.setText(QCoreApplication.translate("PaperPane", u"Contact o&fficer:", None))
#if QT_CONFIG(accessibility)
        self.field_contact_officer.setAccessibleName(QCoreApplication.translate("PaperPane", u"Contact officer", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_telephone.setText(QCoreApplication.translate("PaperPane", u"Tele&phone:", None))
#if QT_CONFIG(accessibility)
        self.field_telephone.setAccessibleName(QCoreApplication.translate("PaperPane", u"Telephone", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_email.setText(QCoreApplication.translate("PaperPane", u"&Email:", None))
#if QT_CONFIG(accessibility)
        self.field_email.setAccessibleName(QCoreApplication.translate("PaperPane", u"Email", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_summary.setText(QCoreApplication.translate("PaperPane", u"&Summary:", None))
#if QT_CONFIG(accessibility)
        self.field_summary.setAccessibleName(QCoreApplication.translate("PaperPane", u"Summary", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_recommendations_intro.setText(QCoreApplication.translate("PaperPane", u"Recommendations &intro:", None))
#if QT_CONFIG(accessibility)
        self.field_recommendations_intro.setAccessibleName(QCoreApplication.translate("PaperPane", u"Recommendations introduction", None))
#endif // QT_CONFIG(accessibility)
        self.label_list_recommendations.setText(QCoreApplication.translate("PaperPane", u"Reco&mmendations:", None))
#if QT_CONFIG(accessibility)
        self.list_recommendations.setAccessibleName(QCoreApplication.translate("PaperPane", u"Recommendations, in order", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_financial_implications.setText(QCoreApplication.translate("PaperPane", u"&Financial implications:", None))
#if QT_CONFIG(accessibility)
        self.field_financial_implications.setAccessibleName(QCoreApplication.translate("PaperPane", u"Financial implications", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_legal_implications.setText(QCoreApplication.translate("PaperPane", u"&Legal implications:", None))
#if QT_CONFIG(accessibility)
        self.field_legal_implications.setAccessibleName(QCoreApplication.translate("PaperPane", u"Legal implications", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_equalities_implications.setText(QCoreApplication.translate("PaperPane", u"E&qualities implications:", None))
#if QT_CONFIG(accessibility)
        self.field_equalities_implications.setAccessibleName(QCoreApplication.translate("PaperPane", u"Equalities implications", None))
#endif // QT_CONFIG(accessibility)
        self.label_list_appendices.setText(QCoreApplication.translate("PaperPane", u"&Appendices:", None))
#if QT_CONFIG(accessibility)
        self.list_appendices.setAccessibleName(QCoreApplication.translate("PaperPane", u"Appendices, in order", None))
#endif // QT_CONFIG(accessibility)
        self.label_list_background_papers.setText(QCoreApplication.translate("PaperPane", u"&Background papers:", None))
#if QT_CONFIG(accessibility)
        self.list_background_papers.setAccessibleName(QCoreApplication.translate("PaperPane", u"Background papers, in order", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

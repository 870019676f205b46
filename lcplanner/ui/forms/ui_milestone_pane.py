# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'milestone_pane.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_MilestonePane(object):
    def setupUi(self, MilestonePane):
        if not MilestonePane.objectName():
            MilestonePane.setObjectName(u"MilestonePane")
        self.outer = QVBoxLayout(MilestonePane)
        self.outer.setObjectName(u"outer")
        self.heading = QLabel(MilestonePane)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.PlainText)
        self.heading.setWordWrap(True)

        self.outer.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.label_field_name = QLabel(MilestonePane)
        self.label_field_name.setObjectName(u"label_field_name")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_field_name)

        self.field_name = QLineEdit(MilestonePane)
        self.field_name.setObjectName(u"field_name")
        self.field_name.setClearButtonEnabled(False)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.field_name)

        self.label_field_text = QLabel(MilestonePane)
        self.label_field_text.setObjectName(u"label_field_text")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_field_text)

        self.field_text = QPlainTextEdit(MilestonePane)
        self.field_text.setObjectName(u"field_text")
        self.field_text.setTabChangesFocus(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.field_text)

        self.label_field_dates = QLabel(MilestonePane)
        self.label_field_dates.setObjectName(u"label_field_dates")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_field_dates)

        self.field_dates = QPlainTextEdit(MilestonePane)
        self.field_dates.setObjectName(u"field_dates")
        self.field_dates.setTabChangesFocus(True)
        self.field_dates.setMaximumSize(QSize(16777215, 72))

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.field_dates)

        self.label_reading_dates = QLabel(MilestonePane)
        self.label_reading_dates.setObjectName(u"label_reading_dates")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_reading_dates)

        self.reading_dates = QLabel(MilestonePane)
        self.reading_dates.setObjectName(u"reading_dates")
        self.reading_dates.setWordWrap(True)
        self.reading_dates.setTextFormat(Qt.PlainText)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.reading_dates)

        self.label_field_status_id = QLabel(MilestonePane)
        self.label_field_status_id.setObjectName(u"label_field_status_id")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_field_status_id)

        self.field_status_id = QComboBox(MilestonePane)
        self.field_status_id.setObjectName(u"field_status_id")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.field_status_id)

        self.label_field_tags = QLabel(MilestonePane)
        self.label_field_tags.setObjectName(u"label_field_tags")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_field_tags)

        self.field_tags = QListWidget(MilestonePane)
        self.field_tags.setObjectName(u"field_tags")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.field_tags)


        self.outer.addLayout(self.form)

#if QT_CONFIG(shortcut)
        self.label_field_name.setBuddy(self.field_name)
        self.label_field_text.setBuddy(self.field_text)
        self.label_field_dates.setBuddy(self.field_dates)
        self.label_reading_dates.setBuddy(self.reading_dates)
        self.label_field_status_id.setBuddy(self.field_status_id)
        self.label_field_tags.setBuddy(self.field_tags)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(MilestonePane)

        QMetaObject.connectSlotsByName(MilestonePane)
    # setupUi

    def retranslateUi(self, MilestonePane):
        MilestonePane.setWindowTitle(QCoreApplication.translate("MilestonePane", u"Milestone", None))
        self.heading.setText(QCoreApplication.translate("MilestonePane", u"Milestone", None))
        self.label_field_name.setText(QCoreApplication.translate("MilestonePane", u"&Name:", None))
#if QT_CONFIG(accessibility)
        self.field_name.setAccessibleName(QCoreApplication.translate("MilestonePane", u"Milestone name", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_text.setText(QCoreApplication.translate("MilestonePane", u"&Text:", None))
#if QT_CONFIG(accessibility)
        self.field_text.setAccessibleName(QCoreApplication.translate("MilestonePane", u"Milestone text", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_dates.setText(QCoreApplication.translate("MilestonePane", u"&Dates:", None))
#if QT_CONFIG(accessibility)
        self.field_dates.setAccessibleName(QCoreApplication.translate("MilestonePane", u"Dates, one per line", None))
#endif // QT_CONFIG(accessibility)
        self.field_dates.setPlaceholderText(QCoreApplication.translate("MilestonePane", u"One date per line, as written: Autumn 2022, Q2 2023, TBC", None))
        self.label_reading_dates.setText(QCoreApplication.translate("MilestonePane", u"Read as:", None))
#if QT_CONFIG(accessibility)
        self.reading_dates.setAccessibleName(QCoreApplication.translate("MilestonePane", u"How the dates were read", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_status_id.setText(QCoreApplication.translate("MilestonePane", u"&Status:", None))
#if QT_CONFIG(accessibility)
        self.field_status_id.setAccessibleName(QCoreApplication.translate("MilestonePane", u"Progress status", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_tags.setText(QCoreApplication.translate("MilestonePane", u"T&ags:", None))
#if QT_CONFIG(accessibility)
        self.field_tags.setAccessibleName(QCoreApplication.translate("MilestonePane", u"Sub-priorities this milestone serves", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

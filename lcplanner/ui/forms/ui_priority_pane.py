# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'priority_pane.ui'
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
    QListWidget, QListWidgetItem, QPlainTextEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_PriorityPane(object):
    def setupUi(self, PriorityPane):
        if not PriorityPane.objectName():
            PriorityPane.setObjectName(u"PriorityPane")
        self.outer = QVBoxLayout(PriorityPane)
        self.outer.setObjectName(u"outer")
        self.heading = QLabel(PriorityPane)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.PlainText)
        self.heading.setWordWrap(True)

        self.outer.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.label_field_title = QLabel(PriorityPane)
        self.label_field_title.setObjectName(u"label_field_title")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_field_title)

        self.field_title = QPlainTextEdit(PriorityPane)
        self.field_title.setObjectName(u"field_title")
        self.field_title.setTabChangesFocus(True)
        self.field_title.setMaximumSize(QSize(16777215, 72))

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.field_title)

        self.label_field_outcome = QLabel(PriorityPane)
        self.label_field_outcome.setObjectName(u"label_field_outcome")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_field_outcome)

        self.field_outcome = QPlainTextEdit(PriorityPane)
        self.field_outcome.setObjectName(u"field_outcome")
        self.field_outcome.setTabChangesFocus(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.field_outcome)

        self.label_field_note = QLabel(PriorityPane)
        self.label_field_note.setObjectName(u"label_field_note")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_field_note)

        self.field_note = QPlainTextEdit(PriorityPane)
        self.field_note.setObjectName(u"field_note")
        self.field_note.setTabChangesFocus(True)
        self.field_note.setMaximumSize(QSize(16777215, 72))

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.field_note)

        self.label_field_service_group_id = QLabel(PriorityPane)
        self.label_field_service_group_id.setObjectName(u"label_field_service_group_id")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_field_service_group_id)

        self.field_service_group_id = QComboBox(PriorityPane)
        self.field_service_group_id.setObjectName(u"field_service_group_id")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.field_service_group_id)

        self.label_field_themes = QLabel(PriorityPane)
        self.label_field_themes.setObjectName(u"label_field_themes")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_field_themes)

        self.field_themes = QListWidget(PriorityPane)
        self.field_themes.setObjectName(u"field_themes")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.field_themes)

        self.label_field_pledges = QLabel(PriorityPane)
        self.label_field_pledges.setObjectName(u"label_field_pledges")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_field_pledges)

        self.field_pledges = QListWidget(PriorityPane)
        self.field_pledges.setObjectName(u"field_pledges")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.field_pledges)


        self.outer.addLayout(self.form)

#if QT_CONFIG(shortcut)
        self.label_field_title.setBuddy(self.field_title)
        self.label_field_outcome.setBuddy(self.field_outcome)
        self.label_field_note.setBuddy(self.field_note)
        self.label_field_service_group_id.setBuddy(self.field_service_group_id)
        self.label_field_themes.setBuddy(self.field_themes)
        self.label_field_pledges.setBuddy(self.field_pledges)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PriorityPane)

        QMetaObject.connectSlotsByName(PriorityPane)
    # setupUi

    def retranslateUi(self, PriorityPane):
        PriorityPane.setWindowTitle(QCoreApplication.translate("PriorityPane", u"Priority", None))
        self.heading.setText(QCoreApplication.translate("PriorityPane", u"Priority", None))
        self.label_field_title.setText(QCoreApplication.translate("PriorityPane", u"&Title:", None))
#if QT_CONFIG(accessibility)
        self.field_title.setAccessibleName(QCoreApplication.translate("PriorityPane", u"Priority title", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_outcome.setText(QCoreApplication.translate("PriorityPane", u"&Outcome:", None))
#if QT_CONFIG(accessibility)
        self.field_outcome.setAccessibleName(QCoreApplication.translate("PriorityPane", u"Outcome statement", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_note.setText(QCoreApplication.translate("PriorityPane", u"N&ote:", None))
#if QT_CONFIG(accessibility)
        self.field_note.setAccessibleName(QCoreApplication.translate("PriorityPane", u"Note", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_service_group_id.setText(QCoreApplication.translate("PriorityPane", u"Service &group:", None))
#if QT_CONFIG(accessibility)
        self.field_service_group_id.setAccessibleName(QCoreApplication.translate("PriorityPane", u"Service group", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_themes.setText(QCoreApplication.translate("PriorityPane", u"T&hemes:", None))
#if QT_CONFIG(accessibility)
        self.field_themes.setAccessibleName(QCoreApplication.translate("PriorityPane", u"Themes this priority serves", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_pledges.setText(QCoreApplication.translate("PriorityPane", u"&Pledges:", None))
#if QT_CONFIG(accessibility)
        self.field_pledges.setAccessibleName(QCoreApplication.translate("PriorityPane", u"Pledges this priority serves", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

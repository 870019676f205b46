# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'section_pane.ui'
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
    QPlainTextEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

from lcplanner.ui.widgets.ordered_list import OrderedTextList

class Ui_SectionPane(object):
    def setupUi(self, SectionPane):
        if not SectionPane.objectName():
            SectionPane.setObjectName(u"SectionPane")
        self.outer = QVBoxLayout(SectionPane)
        self.outer.setObjectName(u"outer")
        self.heading = QLabel(SectionPane)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.PlainText)
        self.heading.setWordWrap(True)

        self.outer.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.label_field_title = QLabel(SectionPane)
        self.label_field_title.setObjectName(u"label_field_title")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_field_title)

        self.field_title = QLineEdit(SectionPane)
        self.field_title.setObjectName(u"field_title")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.field_title)

        self.label_field_body = QLabel(SectionPane)
        self.label_field_body.setObjectName(u"label_field_body")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_field_body)

        self.field_body = QPlainTextEdit(SectionPane)
        self.field_body.setObjectName(u"field_body")
        self.field_body.setTabChangesFocus(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.field_body)

        self.label_list_points = QLabel(SectionPane)
        self.label_list_points.setObjectName(u"label_list_points")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_list_points)

        self.list_points = OrderedTextList(SectionPane)
        self.list_points.setObjectName(u"list_points")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.list_points)


        self.outer.addLayout(self.form)

        self.bottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottom)

#if QT_CONFIG(shortcut)
        self.label_field_title.setBuddy(self.field_title)
        self.label_field_body.setBuddy(self.field_body)
        self.label_list_points.setBuddy(self.list_points)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SectionPane)

        QMetaObject.connectSlotsByName(SectionPane)
    # setupUi

    def retranslateUi(self, SectionPane):
        SectionPane.setWindowTitle(QCoreApplication.translate("SectionPane", u"Narrative section", None))
        self.heading.setText(QCoreApplication.translate("SectionPane", u"Narrative section", None))
        self.label_field_title.setText(QCoreApplication.translate("SectionPane", u"&Title:", None))
#if QT_CONFIG(accessibility)
        self.field_title.setAccessibleName(QCoreApplication.translate("SectionPane", u"Section title", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_body.setText(QCoreApplication.translate("SectionPane", u"&Text:", None))
#if QT_CONFIG(accessibility)
        self.field_body.setAccessibleName(QCoreApplication.translate("SectionPane", u"Section text", None))
#endif // QT_CONFIG(accessibility)
        self.label_list_points.setText(QCoreApplication.translate("SectionPane", u"&Points:", None))
#if QT_CONFIG(accessibility)
        self.list_points.setAccessibleName(QCoreApplication.translate("SectionPane", u"Points, in order", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

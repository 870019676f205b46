# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'pledge_pane.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QLabel, QListWidget,
    QListWidgetItem, QPlainTextEdit, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

from lcplanner.ui.widgets.ordered_list import OrderedTextList

class Ui_PledgePane(object):
    def setupUi(self, PledgePane):
        if not PledgePane.objectName():
            PledgePane.setObjectName(u"PledgePane")
        self.outer = QVBoxLayout(PledgePane)
        self.outer.setObjectName(u"outer")
        self.heading = QLabel(PledgePane)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.PlainText)
        self.heading.setWordWrap(True)

        self.outer.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.label_field_text = QLabel(PledgePane)
        self.label_field_text.setObjectName(u"label_field_text")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_field_text)

        self.field_text = QPlainTextEdit(PledgePane)
        self.field_text.setObjectName(u"field_text")
        self.field_text.setTabChangesFocus(True)
        self.field_text.setMaximumSize(QSize(16777215, 72))

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.field_text)

        self.label_list_points = QLabel(PledgePane)
        self.label_list_points.setObjectName(u"label_list_points")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_list_points)

        self.list_points = OrderedTextList(PledgePane)
        self.list_points.setObjectName(u"list_points")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.list_points)

        self.label_field_priorities = QLabel(PledgePane)
        self.label_field_priorities.setObjectName(u"label_field_priorities")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_field_priorities)

        self.field_priorities = QListWidget(PledgePane)
        self.field_priorities.setObjectName(u"field_priorities")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.field_priorities)


        self.outer.addLayout(self.form)

        self.bottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottom)

#if QT_CONFIG(shortcut)
        self.label_field_text.setBuddy(self.field_text)
        self.label_list_points.setBuddy(self.list_points)
        self.label_field_priorities.setBuddy(self.field_priorities)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PledgePane)

        QMetaObject.connectSlotsByName(PledgePane)
    # setupUi

    def retranslateUi(self, PledgePane):
        PledgePane.setWindowTitle(QCoreApplication.translate("PledgePane", u"Pledge", None))
        self.heading.setText(QCoreApplication.translate("PledgePane", u"Pledge", None))
        self.label_field_text.setText(QCoreApplication.translate("PledgePane", u"&Pledge:", None))
#if QT_CONFIG(accessibility)
        self.field_text.setAccessibleName(QCoreApplication.translate("PledgePane", u"Pledge text", None))
#endif // QT_CONFIG(accessibility)
        self.label_list_points.setText(QCoreApplication.translate("PledgePane", u"P&oints:", None))
#if QT_CONFIG(accessibility)
        self.list_points.setAccessibleName(QCoreApplication.translate("PledgePane", u"Points, in order", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_priorities.setText(QCoreApplication.translate("PledgePane", u"P&riorities:", None))
#if QT_CONFIG(accessibility)
        self.field_priorities.setAccessibleName(QCoreApplication.translate("PledgePane", u"Priorities this pledge serves", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

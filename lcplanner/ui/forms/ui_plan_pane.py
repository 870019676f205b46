# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'plan_pane.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QLabel, QLineEdit, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

from lcplanner.ui.widgets.ordered_list import (OrderedTextList, StatusLabelList)

class Ui_PlanPane(object):
    def setupUi(self, PlanPane):
        if not PlanPane.objectName():
            PlanPane.setObjectName(u"PlanPane")
        self.outer = QVBoxLayout(PlanPane)
        self.outer.setObjectName(u"outer")
        self.heading = QLabel(PlanPane)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.PlainText)
        self.heading.setWordWrap(True)

        self.outer.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.label_field_title = QLabel(PlanPane)
        self.label_field_title.setObjectName(u"label_field_title")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_field_title)

        self.field_title = QLineEdit(PlanPane)
        self.field_title.setObjectName(u"field_title")
        self.field_title.setClearButtonEnabled(False)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.field_title)

        self.label_field_period = QLabel(PlanPane)
        self.label_field_period.setObjectName(u"label_field_period")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_field_period)

        self.field_period = QLineEdit(PlanPane)
        self.field_period.setObjectName(u"field_period")
        self.field_period.setClearButtonEnabled(False)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.field_period)

        self.label_field_organisation = QLabel(PlanPane)
        self.label_field_organisation.setObjectName(u"label_field_organisation")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_field_organisation)

        self.field_organisation = QLineEdit(PlanPane)
        self.field_organisation.setObjectName(u"field_organisation")
        self.field_organisation.setClearButtonEnabled(False)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.field_organisation)

        self.label_field_status = QLabel(PlanPane)
        self.label_field_status.setObjectName(u"label_field_status")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_field_status)

        self.field_status = QComboBox(PlanPane)
        self.field_status.setObjectName(u"field_status")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.field_status)

        self.label_field_financial_quarters = QLabel(PlanPane)
        self.label_field_financial_quarters.setObjectName(u"label_field_financial_quarters")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_field_financial_quarters)

        self.field_financial_quarters = QCheckBox(PlanPane)
        self.field_financial_quarters.setObjectName(u"field_financial_quarters")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.field_financial_quarters)

        self.label_list_statuses = QLabel(PlanPane)
        self.label_list_statuses.setObjectName(u"label_list_statuses")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.label_list_statuses)

        self.list_statuses = StatusLabelList(PlanPane)
        self.list_statuses.setObjectName(u"list_statuses")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.list_statuses)


        self.outer.addLayout(self.form)

        self.bottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.bottom)

#if QT_CONFIG(shortcut)
        self.label_field_title.setBuddy(self.field_title)
        self.label_field_period.setBuddy(self.field_period)
        self.label_field_organisation.setBuddy(self.field_organisation)
        self.label_field_status.setBuddy(self.field_status)
        self.label_field_financial_quarters.setBuddy(self.field_financial_quarters)
        self.label_list_statuses.setBuddy(self.list_statuses)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PlanPane)

        QMetaObject.connectSlotsByName(PlanPane)
    # setupUi

    def retranslateUi(self, PlanPane):
        PlanPane.setWindowTitle(QCoreApplication.translate("PlanPane", u"Plan", None))
        self.heading.setText(QCoreApplication.translate("PlanPane", u"Plan", None))
        self.label_field_title.setText(QCoreApplication.translate("PlanPane", u"&Title:", None))
#if QT_CONFIG(accessibility)
        self.field_title.setAccessibleName(QCoreApplication.translate("PlanPane", u"Plan title", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_period.setText(QCoreApplication.translate("PlanPane", u"&Period:", None))
#if QT_CONFIG(accessibility)
        self.field_period.setAccessibleName(QCoreApplication.translate("PlanPane", u"Period", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_organisation.setText(QCoreApplication.translate("PlanPane", u"&Organisation:", None))
#if QT_CONFIG(accessibility)
        self.field_organisation.setAccessibleName(QCoreApplication.translate("PlanPane", u"Organisation", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_status.setText(QCoreApplication.translate("PlanPane", u"&Status:", None))
#if QT_CONFIG(accessibility)
        self.field_status.setAccessibleName(QCoreApplication.translate("PlanPane", u"Approval status", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_financial_quarters.setText(QCoreApplication.translate("PlanPane", u"Quarters:", None))
#if QT_CONFIG(accessibility)
        self.field_financial_quarters.setAccessibleName(QCoreApplication.translate("PlanPane", u"Financial quarters", None))
#endif // QT_CONFIG(accessibility)
        self.field_financial_quarters.setText(QCoreApplication.translate("PlanPane", u"Count &quarters from April (financial year)", None))
        self.label_list_statuses.setText(QCoreApplication.translate("PlanPane", u"Progress stat&uses:", None))
#if QT_CONFIG(accessibility)
        self.list_statuses.setAccessibleName(QCoreApplication.translate("PlanPane", u"Progress statuses, in order", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

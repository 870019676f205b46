# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'portfolio_pane.ui'
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
    QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_PortfolioPane(object):
    def setupUi(self, PortfolioPane):
        if not PortfolioPane.objectName():
            PortfolioPane.setObjectName(u"PortfolioPane")
        self.outer = QVBoxLayout(PortfolioPane)
        self.outer.setObjectName(u"outer")
        self.heading = QLabel(PortfolioPane)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.PlainText)
        self.heading.setWordWrap(True)

        self.outer.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.label_field_name = QLabel(PortfolioPane)
        self.label_field_name.setObjectName(u"label_field_name")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_field_name)

        self.field_name = QLineEdit(PortfolioPane)
        self.field_name.setObjectName(u"field_name")
        self.field_name.setClearButtonEnabled(False)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.field_name)

        self.label_field_kind = QLabel(PortfolioPane)
        self.label_field_kind.setObjectName(u"label_field_kind")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_field_kind)

        self.field_kind = QComboBox(PortfolioPane)
        self.field_kind.setObjectName(u"field_kind")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.field_kind)

        self.label_field_holder = QLabel(PortfolioPane)
        self.label_field_holder.setObjectName(u"label_field_holder")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_field_holder)

        self.field_holder = QLineEdit(PortfolioPane)
        self.field_holder.setObjectName(u"field_holder")
        self.field_holder.setClearButtonEnabled(False)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.field_holder)

        self.label_field_shadow_holder = QLabel(PortfolioPane)
        self.label_field_shadow_holder.setObjectName(u"label_field_shadow_holder")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_field_shadow_holder)

        self.field_shadow_holder = QLineEdit(PortfolioPane)
        self.field_shadow_holder.setObjectName(u"field_shadow_holder")
        self.field_shadow_holder.setClearButtonEnabled(False)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.field_shadow_holder)

        self.label_field_note = QLabel(PortfolioPane)
        self.label_field_note.setObjectName(u"label_field_note")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_field_note)

        self.field_note = QPlainTextEdit(PortfolioPane)
        self.field_note.setObjectName(u"field_note")
        self.field_note.setTabChangesFocus(True)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.field_note)


        self.outer.addLayout(self.form)

#if QT_CONFIG(shortcut)
        self.label_field_name.setBuddy(self.field_name)
        self.label_field_kind.setBuddy(self.field_kind)
        self.label_field_holder.setBuddy(self.field_holder)
        self.label_field_shadow_holder.setBuddy(self.field_shadow_holder)
        self.label_field_note.setBuddy(self.field_note)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PortfolioPane)

        QMetaObject.connectSlotsByName(PortfolioPane)
    # setupUi

    def retranslateUi(self, PortfolioPane):
        PortfolioPane.setWindowTitle(QCoreApplication.translate("PortfolioPane", u"Portfolio", None))
        self.heading.setText(QCoreApplication.translate("PortfolioPane", u"Portfolio", None))
        self.label_field_name.setText(QCoreApplication.translate("PortfolioPane", u"&Name:", None))
#if QT_CONFIG(accessibility)
        self.field_name.setAccessibleName(QCoreApplication.translate("PortfolioPane", u"Portfolio name", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_kind.setText(QCoreApplication.translate("PortfolioPane", u"&Kind:", None))
#if QT_CONFIG(accessibility)
        self.field_kind.setAccessibleName(QCoreApplication.translate("PortfolioPane", u"Kind of area", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_holder.setText(QCoreApplication.translate("PortfolioPane", u"&Holder:", None))
#if QT_CONFIG(accessibility)
        self.field_holder.setAccessibleName(QCoreApplication.translate("PortfolioPane", u"Portfolio holder", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_shadow_holder.setText(QCoreApplication.translate("PortfolioPane", u"&Shadow holder:", None))
#if QT_CONFIG(accessibility)
        self.field_shadow_holder.setAccessibleName(QCoreApplication.translate("PortfolioPane", u"Shadow portfolio holder", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_note.setText(QCoreApplication.translate("PortfolioPane", u"N&ote:", None))
#if QT_CONFIG(accessibility)
        self.field_note.setAccessibleName(QCoreApplication.translate("PortfolioPane", u"Note", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

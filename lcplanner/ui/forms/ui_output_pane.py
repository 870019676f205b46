# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'output_pane.ui'
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

class Ui_OutputPane(object):
    def setupUi(self, OutputPane):
        if not OutputPane.objectName():
            OutputPane.setObjectName(u"OutputPane")
        self.outer = QVBoxLayout(OutputPane)
        self.outer.setObjectName(u"outer")
        self.heading = QLabel(OutputPane)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.PlainText)
        self.heading.setWordWrap(True)

        self.outer.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.label_field_text = QLabel(OutputPane)
        self.label_field_text.setObjectName(u"label_field_text")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_field_text)

        self.field_text = QPlainTextEdit(OutputPane)
        self.field_text.setObjectName(u"field_text")
        self.field_text.setTabChangesFocus(True)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.field_text)

        self.label_field_owner = QLabel(OutputPane)
        self.label_field_owner.setObjectName(u"label_field_owner")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_field_owner)

        self.field_owner = QLineEdit(OutputPane)
        self.field_owner.setObjectName(u"field_owner")
        self.field_owner.setClearButtonEnabled(False)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.field_owner)

        self.label_field_status_id = QLabel(OutputPane)
        self.label_field_status_id.setObjectName(u"label_field_status_id")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_field_status_id)

        self.field_status_id = QComboBox(OutputPane)
        self.field_status_id.setObjectName(u"field_status_id")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.field_status_id)

        self.label_field_progress_note = QLabel(OutputPane)
        self.label_field_progress_note.setObjectName(u"label_field_progress_note")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_field_progress_note)

        self.field_progress_note = QPlainTextEdit(OutputPane)
        self.field_progress_note.setObjectName(u"field_progress_note")
        self.field_progress_note.setTabChangesFocus(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.field_progress_note)


        self.outer.addLayout(self.form)

#if QT_CONFIG(shortcut)
        self.label_field_text.setBuddy(self.field_text)
        self.label_field_owner.setBuddy(self.field_owner)
        self.label_field_status_id.setBuddy(self.field_status_id)
        self.label_field_progress_note.setBuddy(self.field_progress_note)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(OutputPane)

        QMetaObject.connectSlotsByName(OutputPane)
    # setupUi

    def retranslateUi(self, OutputPane):
        OutputPane.setWindowTitle(QCoreApplication.translate("OutputPane", u"Output", None))
        self.heading.setText(QCoreApplication.translate("OutputPane", u"Output", None))
        self.label_field_text.setText(QCoreApplication.translate("OutputPane", u"&Text:", None))
#if QT_CONFIG(accessibility)
        self.field_text.setAccessibleName(QCoreApplication.translate("OutputPane", u"Output text", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_owner.setText(QCoreApplication.translate("OutputPane", u"O&wner:", None))
#if QT_CONFIG(accessibility)
        self.field_owner.setAccessibleName(QCoreApplication.translate("OutputPane", u"Owner", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_status_id.setText(QCoreApplication.translate("OutputPane", u"&Status:", None))
#if QT_CONFIG(accessibility)
        self.field_status_id.setAccessibleName(QCoreApplication.translate("OutputPane", u"Progress status", None))
#endif // QT_CONFIG(accessibility)
        self.label_field_progress_note.setText(QCoreApplication.translate("OutputPane", u"&Progress note:", None))
#if QT_CONFIG(accessibility)
        self.field_progress_note.setAccessibleName(QCoreApplication.translate("OutputPane", u"Progress note", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'simple_pane.ui'
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

class Ui_SimplePane(object):
    def setupUi(self, SimplePane):
        if not SimplePane.objectName():
            SimplePane.setObjectName(u"SimplePane")
        self.outer = QVBoxLayout(SimplePane)
        self.outer.setObjectName(u"outer")
        self.heading = QLabel(SimplePane)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.PlainText)
        self.heading.setWordWrap(True)

        self.outer.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.label_line = QLabel(SimplePane)
        self.label_line.setObjectName(u"label_line")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_line)

        self.line = QLineEdit(SimplePane)
        self.line.setObjectName(u"line")
        self.line.setClearButtonEnabled(False)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.line)

        self.label_body = QLabel(SimplePane)
        self.label_body.setObjectName(u"label_body")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.label_body)

        self.body = QPlainTextEdit(SimplePane)
        self.body.setObjectName(u"body")
        self.body.setTabChangesFocus(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.body)


        self.outer.addLayout(self.form)

#if QT_CONFIG(shortcut)
        self.label_line.setBuddy(self.line)
        self.label_body.setBuddy(self.body)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SimplePane)

        QMetaObject.connectSlotsByName(SimplePane)
    # setupUi

    def retranslateUi(self, SimplePane):
        SimplePane.setWindowTitle(QCoreApplication.translate("SimplePane", u"Item", None))
        self.heading.setText(QCoreApplication.translate("SimplePane", u"Item", None))
        self.label_line.setText(QCoreApplication.translate("SimplePane", u"&Name:", None))
#if QT_CONFIG(accessibility)
        self.line.setAccessibleName(QCoreApplication.translate("SimplePane", u"Name", None))
#endif // QT_CONFIG(accessibility)
        self.label_body.setText(QCoreApplication.translate("SimplePane", u"&Text:", None))
#if QT_CONFIG(accessibility)
        self.body.setAccessibleName(QCoreApplication.translate("SimplePane", u"Text", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

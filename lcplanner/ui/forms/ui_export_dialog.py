# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'export_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
    QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_ExportDialog(object):
    def setupUi(self, ExportDialog):
        if not ExportDialog.objectName():
            ExportDialog.setObjectName(u"ExportDialog")
        ExportDialog.setMinimumSize(QSize(520, 0))
        self.outer = QVBoxLayout(ExportDialog)
        self.outer.setObjectName(u"outer")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.label_kind = QLabel(ExportDialog)
        self.label_kind.setObjectName(u"label_kind")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_kind)

        self.kind = QComboBox(ExportDialog)
        self.kind.setObjectName(u"kind")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.kind)

        self.kind_help = QLabel(ExportDialog)
        self.kind_help.setObjectName(u"kind_help")
        self.kind_help.setTextFormat(Qt.PlainText)
        self.kind_help.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.kind_help)

        self.label_plan = QLabel(ExportDialog)
        self.label_plan.setObjectName(u"label_plan")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_plan)

        self.plan = QComboBox(ExportDialog)
        self.plan.setObjectName(u"plan")
        self.plan.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.plan.setMinimumContentsLength(30)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.plan)

        self.label_portfolio = QLabel(ExportDialog)
        self.label_portfolio.setObjectName(u"label_portfolio")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.label_portfolio)

        self.portfolio = QComboBox(ExportDialog)
        self.portfolio.setObjectName(u"portfolio")
        self.portfolio.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.portfolio.setMinimumContentsLength(30)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.portfolio)

        self.label_template = QLabel(ExportDialog)
        self.label_template.setObjectName(u"label_template")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_template)

        self.template_row = QHBoxLayout()
        self.template_row.setObjectName(u"template_row")
        self.template_path = QLineEdit(ExportDialog)
        self.template_path.setObjectName(u"template_path")
        self.template_path.setClearButtonEnabled(True)

        self.template_row.addWidget(self.template_path)

        self.template_button = QPushButton(ExportDialog)
        self.template_button.setObjectName(u"template_button")

        self.template_row.addWidget(self.template_button)


        self.form.setLayout(4, QFormLayout.ItemRole.FieldRole, self.template_row)

        self.tagged = QCheckBox(ExportDialog)
        self.tagged.setObjectName(u"tagged")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.tagged)

        self.changes_row = QHBoxLayout()
        self.changes_row.setObjectName(u"changes_row")
        self.changes = QCheckBox(ExportDialog)
        self.changes.setObjectName(u"changes")

        self.changes_row.addWidget(self.changes)

        self.changes_since = QDateEdit(ExportDialog)
        self.changes_since.setObjectName(u"changes_since")
        self.changes_since.setCalendarPopup(True)

        self.changes_row.addWidget(self.changes_since)


        self.form.setLayout(6, QFormLayout.ItemRole.FieldRole, self.changes_row)

        self.label_output = QLabel(ExportDialog)
        self.label_output.setObjectName(u"label_output")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.label_output)

        self.output_row = QHBoxLayout()
        self.output_row.setObjectName(u"output_row")
        self.output_path = QLineEdit(ExportDialog)
        self.output_path.setObjectName(u"output_path")

        self.output_row.addWidget(self.output_path)

        self.output_button = QPushButton(ExportDialog)
        self.output_button.setObjectName(u"output_button")

        self.output_row.addWidget(self.output_button)


        self.form.setLayout(7, QFormLayout.ItemRole.FieldRole, self.output_row)


        self.outer.addLayout(self.form)

        self.stretch = QSpacerItem(0, 8, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.outer.addItem(self.stretch)

        self.buttons = QDialogButtonBox(ExportDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.outer.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.label_kind.setBuddy(self.kind)
        self.label_plan.setBuddy(self.plan)
        self.label_portfolio.setBuddy(self.portfolio)
        self.label_template.setBuddy(self.template_path)
        self.label_output.setBuddy(self.output_path)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.kind, self.plan)
        QWidget.setTabOrder(self.plan, self.portfolio)
        QWidget.setTabOrder(self.portfolio, self.template_path)
        QWidget.setTabOrder(self.template_path, self.template_button)
        QWidget.setTabOrder(self.template_button, self.tagged)
        QWidget.setTabOrder(self.tagged, self.changes)
        QWidget.setTabOrder(self.changes, self.changes_since)
        QWidget.setTabOrder(self.changes_since, self.output_path)
        QWidget.setTabOrder(self.output_path, self.output_button)

        self.retranslateUi(ExportDialog)

        QMetaObject.connectSlotsByName(ExportDialog)
    # setupUi

    def retranslateUi(self, ExportDialog):
        ExportDialog.setWindowTitle(QCoreApplication.translate("ExportDialog", u"Export", None))
        self.label_kind.setText(QCoreApplication.translate("ExportDialog", u"&Document:", None))
#if QT_CONFIG(accessibility)
        self.kind.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Document", None))
#endif // QT_CONFIG(accessibility)
        self.kind_help.setText("")
        self.label_plan.setText(QCoreApplication.translate("ExportDialog", u"&Plan:", None))
#if QT_CONFIG(accessibility)
        self.plan.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Plan", None))
#endif // QT_CONFIG(accessibility)
        self.label_portfolio.setText(QCoreApplication.translate("ExportDialog", u"P&ortfolio:", None))
#if QT_CONFIG(accessibility)
        self.portfolio.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Portfolio", None))
#endif // QT_CONFIG(accessibility)
        self.label_template.setText(QCoreApplication.translate("ExportDialog", u"&Template:", None))
#if QT_CONFIG(accessibility)
        self.template_path.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Word template", None))
#endif // QT_CONFIG(accessibility)
        self.template_path.setPlaceholderText(QCoreApplication.translate("ExportDialog", u"House style", None))
        self.template_button.setText(QCoreApplication.translate("ExportDialog", u"C&hoose\u2026", None))
#if QT_CONFIG(accessibility)
        self.template_button.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Choose a Word template", None))
#endif // QT_CONFIG(accessibility)
        self.tagged.setText(QCoreApplication.translate("ExportDialog", u"T&agged PDF for screen readers (made by LibreOffice)", None))
#if QT_CONFIG(accessibility)
        self.tagged.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Tagged PDF", None))
#endif // QT_CONFIG(accessibility)
        self.changes.setText(QCoreApplication.translate("ExportDialog", u"Add the changes &recorded since", None))
#if QT_CONFIG(accessibility)
        self.changes.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Add the changes since a date to the background papers", None))
#endif // QT_CONFIG(accessibility)
        self.changes_since.setDisplayFormat(QCoreApplication.translate("ExportDialog", u"d MMMM yyyy", None))
#if QT_CONFIG(accessibility)
        self.changes_since.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Changes since", None))
#endif // QT_CONFIG(accessibility)
        self.label_output.setText(QCoreApplication.translate("ExportDialog", u"&Save as:", None))
#if QT_CONFIG(accessibility)
        self.output_path.setAccessibleName(QCoreApplication.translate("ExportDialog", u"File to save", None))
#endif // QT_CONFIG(accessibility)
        self.output_button.setText(QCoreApplication.translate("ExportDialog", u"&Browse\u2026", None))
#if QT_CONFIG(accessibility)
        self.output_button.setAccessibleName(QCoreApplication.translate("ExportDialog", u"Choose where to save", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

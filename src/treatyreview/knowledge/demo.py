"""Demonstration records for the library: a thesaurus and a few hundred records in the six languages.

Every record is written for the demonstration, flagged `demo` (pages show it as such) and titled as a
demonstration act, judgment or strategy: none of them is real law and none may be cited as such.

Besides them, `SOURCED` holds three real provisions, each with its official address: their texts are short
summaries written for this library (not the official wording, which the link gives), checked against the
official publications (legislation.gov.uk, Légifrance, the Boletín Oficial del Estado).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from treatyreview.accounts.models import User
from treatyreview.knowledge.models import LegalRecord, LegalStatus, RecordKind, Theme, Visibility
from treatyreview.knowledge.services import ImportRecord, RecordFields, TextFields, library_import, record_create
from treatyreview.registry.models import Article, State

THEMES = {
    "money-laundering": {"en": "Money-laundering", "fr": "Blanchiment d’argent", "es": "Blanqueo de dinero",
                         "ru": "Отмывание денег", "ar": "غسل الأموال", "zh": "洗钱"},
    "trafficking-in-persons": {"en": "Trafficking in persons", "fr": "Traite des personnes",
                               "es": "Trata de personas", "ru": "Торговля людьми", "ar": "الاتجار بالأشخاص",
                               "zh": "贩运人口"},
    "smuggling-of-migrants": {"en": "Smuggling of migrants", "fr": "Trafic illicite de migrants",
                              "es": "Tráfico ilícito de migrantes", "ru": "Незаконный ввоз мигрантов",
                              "ar": "تهريب المهاجرين", "zh": "偷运移民"},
    "firearms": {"en": "Firearms", "fr": "Armes à feu", "es": "Armas de fuego", "ru": "Огнестрельное оружие",
                 "ar": "الأسلحة النارية", "zh": "枪支"},
    "organized-criminal-group": {"en": "Organized criminal groups", "fr": "Groupes criminels organisés",
                                 "es": "Grupos delictivos organizados", "ru": "Организованные преступные группы",
                                 "ar": "الجماعات الإجرامية المنظمة", "zh": "有组织犯罪集团"},
    "corruption": {"en": "Corruption", "fr": "Corruption", "es": "Corrupción", "ru": "Коррупция",
                   "ar": "الفساد", "zh": "腐败"},
    "international-cooperation": {"en": "International cooperation", "fr": "Coopération internationale",
                                  "es": "Cooperación internacional", "ru": "Международное сотрудничество",
                                  "ar": "التعاون الدولي", "zh": "国际合作"},
    "victims-and-witnesses": {"en": "Protection of victims and witnesses",
                              "fr": "Protection des victimes et des témoins",
                              "es": "Protección de víctimas y testigos", "ru": "Защита потерпевших и свидетелей",
                              "ar": "حماية الضحايا والشهود", "zh": "保护被害人和证人"},
}


@dataclass(frozen=True)
class Topic:
    theme: str
    articles: tuple[str, ...]
    # Per language: (subject of the act, a provision, the summary of a judgment).
    texts: dict[str, tuple[str, str, str]]


TOPICS = (
    Topic("money-laundering", ("UNTOC 6", "UNTOC 7"), {
        "en": ("the prevention of money-laundering",
               "Whoever converts or transfers property, knowing that it is the proceeds of crime, for the purpose of "
               "concealing its illicit origin, commits the offence of laundering of the proceeds of crime.",
               "The accused laundered the proceeds of drug trafficking through shell companies; convicted."),
        "fr": ("la lutte contre le blanchiment de capitaux",
               "Constitue le délit de blanchiment le fait de convertir ou de transférer des biens dont l’auteur sait "
               "qu’ils sont le produit du crime, dans le but de dissimuler leur origine illicite.",
               "Les prévenus ont blanchi le produit d’un trafic de stupéfiants par des sociétés écrans ; condamnés."),
        "es": ("la prevención del blanqueo de capitales",
               "Comete delito de blanqueo quien convierta o transfiera bienes a sabiendas de que son producto del "
               "delito, con el propósito de ocultar su origen ilícito.",
               "Los acusados blanquearon el producto del narcotráfico mediante sociedades pantalla; condenados."),
        "ru": ("противодействии легализации (отмыванию) доходов, полученных преступным путем",
               "Отмыванием доходов признается конверсия или перевод имущества, если известно, что такое имущество "
               "является доходом от преступления, в целях сокрытия его незаконного происхождения.",
               "Обвиняемые отмывали доходы от незаконного оборота наркотиков через фиктивные компании; осуждены."),
        "ar": ("مكافحة غسل الأموال",
               "يعد مرتكبا لجريمة غسل الأموال كل من قام بتحويل الممتلكات أو نقلها مع العلم بأنها من عائدات الجرائم "
               "بغرض إخفاء مصدرها غير المشروع.",
               "قام المتهمون بغسل عائدات الاتجار بالمخدرات عن طريق شركات وهمية؛ أدينوا."),
        "zh": ("预防洗钱",
               "明知是犯罪所得而转换或者转移财产，以掩饰其非法来源的，构成洗钱罪。",
               "被告人通过空壳公司清洗毒品犯罪所得，被判有罪。"),
    }),
    Topic("trafficking-in-persons", ("TIP 3", "TIP 5"), {
        "en": ("combating trafficking in persons",
               "The recruitment, transportation, transfer, harbouring or receipt of persons by means of the threat or "
               "use of force, for the purpose of exploitation, constitutes trafficking in persons.",
               "The defendants recruited victims with false offers of work and exploited them; convicted."),
        "fr": ("la lutte contre la traite des personnes",
               "Constitue la traite des personnes le recrutement, le transport, le transfert, l’hébergement ou "
               "l’accueil de personnes par la menace ou le recours à la force, aux fins d’exploitation.",
               "Les prévenus ont recruté les victimes par de fausses offres d’emploi et les ont exploitées ; "
               "condamnés."),
        "es": ("la lucha contra la trata de personas",
               "Constituye trata de personas la captación, el transporte, el traslado, la acogida o la recepción de "
               "personas recurriendo a la amenaza o al uso de la fuerza, con fines de explotación.",
               "Los acusados captaron a las víctimas con ofertas de trabajo falsas y las explotaron; condenados."),
        "ru": ("противодействии торговле людьми",
               "Торговлей людьми признается вербовка, перевозка, передача, укрывательство или получение людей путем "
               "угрозы силой или ее применения в целях эксплуатации.",
               "Обвиняемые вербовали потерпевших ложными предложениями работы и эксплуатировали их; осуждены."),
        "ar": ("مكافحة الاتجار بالأشخاص",
               "يقصد بالاتجار بالأشخاص تجنيد أشخاص أو نقلهم أو تنقيلهم أو إيواؤهم أو استقبالهم بواسطة التهديد "
               "بالقوة أو استعمالها لغرض الاستغلال.",
               "جند المتهمون الضحايا بعروض عمل كاذبة واستغلوهم؛ أدينوا."),
        "zh": ("打击贩运人口",
               "以武力威胁或者使用武力，为剥削目的而招募、运送、转移、窝藏或者接收人员的，构成贩运人口罪。",
               "被告人以虚假招工为名招募被害人并对其进行剥削，被判有罪。"),
    }),
    Topic("smuggling-of-migrants", ("SOM 3", "SOM 6"), {
        "en": ("the smuggling of migrants",
               "Whoever procures, for a financial or other material benefit, the illegal entry of a person into a "
               "State of which the person is not a national commits the offence of smuggling of migrants.",
               "The accused organized the illegal crossing of forty migrants by sea for payment; convicted."),
        "fr": ("le trafic illicite de migrants",
               "Commet le délit de trafic illicite de migrants quiconque assure, afin d’en tirer un avantage "
               "financier ou un autre avantage matériel, l’entrée illégale d’une personne dans un État.",
               "Le prévenu a organisé la traversée illégale de quarante migrants par la mer contre paiement ; "
               "condamné."),
        "es": ("el tráfico ilícito de migrantes",
               "Comete delito de tráfico ilícito de migrantes quien facilite, con el fin de obtener un beneficio "
               "financiero u otro beneficio de orden material, la entrada ilegal de una persona en un Estado.",
               "El acusado organizó el cruce ilegal de cuarenta migrantes por mar a cambio de pago; condenado."),
        "ru": ("противодействии незаконному ввозу мигрантов",
               "Незаконным ввозом мигрантов признается обеспечение незаконного въезда лица в государство в целях "
               "получения финансовой или иной материальной выгоды.",
               "Обвиняемый организовал незаконную перевозку сорока мигрантов морем за плату; осужден."),
        "ar": ("مكافحة تهريب المهاجرين",
               "يعد مرتكبا لجريمة تهريب المهاجرين كل من دبر الدخول غير المشروع لشخص إلى دولة بغية الحصول على منفعة "
               "مالية أو منفعة مادية أخرى.",
               "نظم المتهم العبور غير المشروع لأربعين مهاجرا عن طريق البحر مقابل أجر؛ أدين."),
        "zh": ("偷运移民",
               "为直接或者间接获取金钱或者其他物质利益，安排他人非法进入某一国家的，构成偷运移民罪。",
               "被告人收取费用组织四十名移民从海上非法越境，被判有罪。"),
    }),
    Topic("firearms", ("FIREARMS 5", "FIREARMS 8"), {
        "en": ("firearms, their parts and components and ammunition",
               "The illicit manufacturing of and trafficking in firearms, their parts and components and ammunition, "
               "and the falsifying or illicit removal of markings on firearms, are offences.",
               "The accused removed the markings of pistols and sold them without a licence; convicted."),
        "fr": ("les armes à feu, leurs pièces, éléments et munitions",
               "La fabrication et le trafic illicites d’armes à feu, de leurs pièces, éléments et munitions, ainsi "
               "que la falsification ou l’effacement illicite des marques, constituent des infractions.",
               "Le prévenu a effacé les marques de pistolets et les a vendus sans licence ; condamné."),
        "es": ("las armas de fuego, sus piezas y componentes y municiones",
               "La fabricación y el tráfico ilícitos de armas de fuego, sus piezas y componentes y municiones, y la "
               "falsificación o la supresión ilícita de las marcas constituyen delitos.",
               "El acusado suprimió las marcas de pistolas y las vendió sin licencia; condenado."),
        "ru": ("огнестрельном оружии, его составных частях и компонентах, а также боеприпасах",
               "Незаконное изготовление и оборот огнестрельного оружия, его составных частей и компонентов, а также "
               "боеприпасов, а также подделка или незаконное удаление маркировки являются преступлениями.",
               "Обвиняемый удалил маркировку пистолетов и продал их без лицензии; осужден."),
        "ar": ("الأسلحة النارية وأجزائها ومكوناتها والذخيرة",
               "يعد جرما صنع الأسلحة النارية وأجزائها ومكوناتها والذخيرة والاتجار بها بصورة غير مشروعة وتزوير "
               "علامات الدمغ أو إزالتها.",
               "أزال المتهم علامات الدمغ عن مسدسات وباعها دون ترخيص؛ أدين."),
        "zh": ("枪支及其零部件和弹药",
               "非法制造和贩运枪支及其零部件和弹药，以及伪造或者非法涂改枪支标识的，构成犯罪。",
               "被告人涂改手枪标识并无证出售，被判有罪。"),
    }),
    Topic("organized-criminal-group", ("UNTOC 2", "UNTOC 5"), {
        "en": ("participation in an organized criminal group",
               "Whoever agrees with one or more other persons to commit a serious crime for a financial or other "
               "material benefit, or takes an active part in the activities of an organized criminal group, is liable.",
               "The court found that the defendants formed a structured group to commit serious crimes; convicted."),
        "fr": ("la participation à un groupe criminel organisé",
               "Quiconque s’entend avec une ou plusieurs personnes en vue de commettre une infraction grave, ou prend "
               "une part active aux activités d’un groupe criminel organisé, est puni.",
               "Le tribunal a jugé que les prévenus formaient un groupe structuré en vue de commettre des infractions "
               "graves ; condamnés."),
        "es": ("la participación en un grupo delictivo organizado",
               "Quien se concierte con una o más personas para cometer un delito grave, o participe activamente en "
               "actividades de un grupo delictivo organizado, será sancionado.",
               "El tribunal determinó que los acusados formaban un grupo estructurado para cometer delitos graves; "
               "condenados."),
        "ru": ("участии в организованной преступной группе",
               "Лицо, договорившееся с одним или несколькими лицами о совершении серьезного преступления или "
               "принимающее активное участие в деятельности организованной преступной группы, подлежит наказанию.",
               "Суд установил, что обвиняемые образовали структурно оформленную группу для совершения серьезных "
               "преступлений; осуждены."),
        "ar": ("المشاركة في جماعة إجرامية منظمة",
               "يعاقب كل من اتفق مع شخص آخر أو أكثر على ارتكاب جريمة خطيرة أو قام بدور فاعل في أنشطة جماعة إجرامية "
               "منظمة.",
               "رأت المحكمة أن المتهمين شكلوا جماعة ذات هيكل تنظيمي لارتكاب جرائم خطيرة؛ أدينوا."),
        "zh": ("参加有组织犯罪集团",
               "与一人或者多人约定实施严重犯罪，或者积极参与有组织犯罪集团活动的，应当依法惩处。",
               "法院认定被告人组成有组织结构的集团实施严重犯罪，被判有罪。"),
    }),
    Topic("corruption", ("UNTOC 8", "UNTOC 9"), {
        "en": ("the prevention of corruption of public officials",
               "The promise, offering or giving to a public official of an undue advantage, in order that the "
               "official act or refrain from acting in the exercise of official duties, is an offence.",
               "A customs officer accepted payments to release seized goods; convicted of corruption."),
        "fr": ("la prévention de la corruption d’agents publics",
               "Le fait de promettre, d’offrir ou d’accorder à un agent public un avantage indu afin qu’il accomplisse "
               "ou s’abstienne d’accomplir un acte dans l’exercice de ses fonctions constitue une infraction.",
               "Un agent des douanes a accepté des paiements pour restituer des marchandises saisies ; condamné pour "
               "corruption."),
        "es": ("la prevención de la corrupción de funcionarios públicos",
               "La promesa, el ofrecimiento o la concesión a un funcionario público de un beneficio indebido con el "
               "fin "
               "de que actúe o se abstenga de actuar en el cumplimiento de sus funciones constituye delito.",
               "Un funcionario de aduanas aceptó pagos para liberar mercancías incautadas; condenado por corrupción."),
        "ru": ("предупреждении коррупции публичных должностных лиц",
               "Обещание, предложение или предоставление публичному должностному лицу неправомерного преимущества, "
               "с тем чтобы это лицо совершило действие или бездействие при выполнении своих обязанностей, является "
               "преступлением.",
               "Сотрудник таможни получал платежи за возврат изъятых товаров; осужден за коррупцию."),
        "ar": ("منع فساد الموظفين العموميين",
               "يعد جرما وعد موظف عمومي بمزية غير مستحقة أو عرضها عليه أو منحه إياها لكي يقوم بفعل ما أو يمتنع عن "
               "القيام بفعل ما لدى أداء واجباته الرسمية.",
               "قبل موظف جمارك مدفوعات مقابل الإفراج عن بضائع محجوزة؛ أدين بالفساد."),
        "zh": ("预防公职人员腐败",
               "直接或者间接向公职人员许诺给予、提议给予或者实际给予不正当好处，以使其在执行公务时作为或者不作为的，构成犯罪。",
               "一名海关官员收受款项放行被扣押货物，被判腐败罪。"),
    }),
    Topic("international-cooperation", ("UNTOC 16", "UNTOC 18"), {
        "en": ("extradition and mutual legal assistance in criminal matters",
               "Requests for extradition and for mutual legal assistance shall be executed by the central authority "
               "without delay, and the widest measure of assistance shall be afforded.",
               "The court granted the extradition of the requested person for trafficking offences."),
        "fr": ("l’extradition et l’entraide judiciaire en matière pénale",
               "Les demandes d’extradition et d’entraide judiciaire sont exécutées sans retard par l’autorité "
               "centrale, qui accorde l’entraide la plus large possible.",
               "La cour a accordé l’extradition de la personne réclamée pour des infractions de traite."),
        "es": ("la extradición y la asistencia judicial recíproca en materia penal",
               "Las solicitudes de extradición y de asistencia judicial recíproca serán ejecutadas sin demora por la "
               "autoridad central, que prestará la más amplia asistencia posible.",
               "El tribunal concedió la extradición de la persona reclamada por delitos de trata."),
        "ru": ("выдаче и взаимной правовой помощи по уголовным делам",
               "Просьбы о выдаче и о взаимной правовой помощи исполняются центральным органом без промедления, и "
               "оказывается максимально широкая помощь.",
               "Суд удовлетворил запрос о выдаче лица за преступления, связанные с торговлей людьми."),
        "ar": ("تسليم المجرمين والمساعدة القانونية المتبادلة في المسائل الجنائية",
               "تنفذ السلطة المركزية طلبات تسليم المجرمين والمساعدة القانونية المتبادلة دون إبطاء، وتقدم أكبر قدر "
               "ممكن من المساعدة.",
               "وافقت المحكمة على تسليم الشخص المطلوب بسبب جرائم الاتجار."),
        "zh": ("引渡和刑事司法协助",
               "引渡请求和司法协助请求由中央机关毫不迟延地执行，并提供最大限度的协助。",
               "法院裁定准予引渡被请求人，罪名为贩运人口犯罪。"),
    }),
    Topic("victims-and-witnesses", ("UNTOC 24", "UNTOC 25", "TIP 6"), {
        "en": ("the protection of victims and witnesses",
               "Witnesses who give testimony concerning offences covered by this Act, and their relatives, shall be "
               "protected from potential retaliation or intimidation.",
               "The court allowed a victim of trafficking to testify by video link to protect her from intimidation."),
        "fr": ("la protection des victimes et des témoins",
               "Les témoins qui déposent au sujet des infractions visées par la présente loi, ainsi que leurs "
               "parents, sont protégés contre des actes éventuels de représailles ou d’intimidation.",
               "La cour a autorisé une victime de la traite à témoigner par visioconférence pour la protéger."),
        "es": ("la protección de víctimas y testigos",
               "Los testigos que presten testimonio sobre los delitos comprendidos en la presente ley, y sus "
               "familiares, serán protegidos contra eventuales actos de represalia o intimidación.",
               "El tribunal permitió que una víctima de trata declarara por videoconferencia para protegerla."),
        "ru": ("защите потерпевших и свидетелей",
               "Свидетели, дающие показания в отношении преступлений, охватываемых настоящим законом, и их "
               "родственники защищаются от возможной мести или запугивания.",
               "Суд разрешил потерпевшей от торговли людьми дать показания по видеосвязи для ее защиты."),
        "ar": ("حماية الضحايا والشهود",
               "يوفر للشهود الذين يدلون بشهادتهم بشأن الجرائم المشمولة بهذا القانون ولأقاربهم حماية من أي انتقام "
               "أو ترهيب محتمل.",
               "سمحت المحكمة لضحية اتجار بالإدلاء بشهادتها عبر الفيديو لحمايتها من الترهيب."),
        "zh": ("保护被害人和证人",
               "就本法所涵盖的犯罪作证的证人及其亲属，应当受到保护，免遭可能的报复或者恐吓。",
               "法院准许一名贩运人口被害人通过视频作证，以免其受到恐吓。"),
    }),
)

# How each language names a demonstration act, judgment and strategy; `%(n)s` is its number.
NAMES = {
    "en": ("Demonstration Act No. %(n)s on %(subject)s", "Demonstration judgment No. %(n)s: %(subject)s",
           "Demonstration national strategy No. %(n)s on %(subject)s", "Section %(n)s", "Demonstration Court"),
    "fr": ("Loi de démonstration n° %(n)s relative à %(subject)s", "Jugement de démonstration n° %(n)s : %(subject)s",
           "Stratégie nationale de démonstration n° %(n)s relative à %(subject)s", "Article %(n)s",
           "Tribunal de démonstration"),
    "es": ("Ley de demostración n.º %(n)s sobre %(subject)s", "Sentencia de demostración n.º %(n)s: %(subject)s",
           "Estrategia nacional de demostración n.º %(n)s sobre %(subject)s", "Artículo %(n)s",
           "Tribunal de demostración"),
    "ru": ("Демонстрационный закон № %(n)s о %(subject)s", "Демонстрационное решение № %(n)s: %(subject)s",
           "Демонстрационная национальная стратегия № %(n)s о %(subject)s", "Статья %(n)s",
           "Демонстрационный суд"),
    "ar": ("القانون التجريبي رقم %(n)s بشأن %(subject)s", "الحكم التجريبي رقم %(n)s: %(subject)s",
           "الاستراتيجية الوطنية التجريبية رقم %(n)s بشأن %(subject)s", "المادة %(n)s", "المحكمة التجريبية"),
    "zh": ("关于%(subject)s的示范法（第%(n)s号）", "示范判决（第%(n)s号）：%(subject)s",
           "关于%(subject)s的示范国家战略（第%(n)s号）", "第%(n)s条", "示范法院"),
}
# States whose demonstration records are written in each language (an English version is added for some).
STATES = {
    "ar": ("EGY", "MAR", "JOR"), "zh": ("CHN",), "en": ("KEN", "PHL", "AUT", "BRA", "CAN"),
    "fr": ("FRA", "SEN"), "ru": ("RUS", "KAZ"), "es": ("ESP", "MEX"),
}
OUTCOMES = {"en": "Convicted", "fr": "Condamnation", "es": "Condena", "ru": "Обвинительный приговор",
            "ar": "إدانة", "zh": "有罪判决"}


def _records(states: dict[str, State], articles: dict[str, Article], themes: dict[str, Theme]) -> list[ImportRecord]:
    records = []
    number = 0
    for language, codes in STATES.items():
        for code in codes:
            state = states[code]
            for t, topic in enumerate(TOPICS):
                subject, provision, summary = topic.texts[language]
                act, judgment, strategy, section, court = NAMES[language]
                for kind in (RecordKind.LEGISLATION, RecordKind.CASE, RecordKind.STRATEGY):
                    number += 1
                    if kind == RecordKind.STRATEGY and t % 2:
                        continue
                    n = str(number)
                    title = {RecordKind.LEGISLATION: act, RecordKind.CASE: judgment, RecordKind.STRATEGY: strategy}
                    text = provision if kind != RecordKind.CASE else summary
                    texts = [TextFields(language, title[kind] % {"n": n, "subject": subject},
                                        section % {"n": t + 1} if kind == RecordKind.LEGISLATION else "", text)]
                    if language != "en" and t < 3:  # an English version of some, to show versions
                        en_subject, en_provision, en_summary = topic.texts["en"]
                        en_title = {RecordKind.LEGISLATION: NAMES["en"][0], RecordKind.CASE: NAMES["en"][1],
                                    RecordKind.STRATEGY: NAMES["en"][2]}[kind]
                        texts.append(TextFields("en", en_title % {"n": n, "subject": en_subject},
                                                texts[0].provision and NAMES["en"][3] % {"n": t + 1},
                                                en_provision if kind != RecordKind.CASE else en_summary))
                    year = 2003 + (number * 7) % 22
                    fields = RecordFields(
                        kind=kind, state=state, original_language=language,
                        date=dt.date(year, 1 + number % 12, 1 + number % 28),
                        status=(LegalStatus.REPEALED if number % 9 == 0 else LegalStatus.IN_FORCE)
                        if kind == RecordKind.LEGISLATION else "",
                        court=court if kind == RecordKind.CASE else "",
                        parties=f"Demonstration v. Defendant {n}" if kind == RecordKind.CASE else "",
                        outcome=OUTCOMES[language] if kind == RecordKind.CASE else "",
                        offences=topic.texts[language][0] if kind == RecordKind.CASE else "",
                        # One record of each demo State with a focal point is for its own review only.
                        visibility=Visibility.REVIEW if code in {"KEN", "AUT"} and t == 0 and kind == RecordKind.CASE
                        else Visibility.PUBLIC,
                        articles=[articles[a] for a in topic.articles],
                        themes=[themes[topic.theme]],
                    )
                    records.append(ImportRecord(fields, tuple(texts), demo=True))
    return records


@dataclass(frozen=True)
class Sourced:
    state: str
    language: str
    date: dt.date
    title: str
    provision: str
    summary: str
    link: str
    articles: tuple[str, ...] = ("UNTOC 6",)


SOURCED = (
    Sourced("GBR", "en", dt.date(2002, 7, 24), "Proceeds of Crime Act 2002", "Section 327: Concealing etc.",
            "Summary written for this library (the official text is at the official link): one of the three "
            "principal money-laundering offences of Part 7 of the Act. A person commits it by concealing, "
            "disguising, converting or transferring criminal property, or removing it from England and Wales, "
            "Scotland or Northern Ireland. It is not committed where an authorised disclosure is made under "
            "section 338 (with the appropriate consent when made before the act), or where the act is done in "
            "enforcing the Act or another enactment on criminal conduct.",
            "https://www.legislation.gov.uk/ukpga/2002/29/section/327"),
    Sourced("FRA", "fr", dt.date(1996, 5, 13), "Code pénal", "Article 324-1 (blanchiment simple)",
            "Résumé rédigé pour cette bibliothèque (le texte officiel est à l’adresse officielle) : l’article "
            "qualifie de blanchiment toute aide apportée, quel qu’en soit le moyen, à justifier faussement "
            "l’origine de biens ou de revenus tirés d’un crime ou d’un délit, ainsi que toute participation au "
            "placement, à la dissimulation ou à la conversion de leur produit. La peine prévue est de cinq ans "
            "d’emprisonnement et de 375 000 euros d’amende. L’article a été inséré par la loi n° 96-392 du "
            "13 mai 1996.",
            "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006418330"),
    Sourced("ESP", "es", dt.date(1995, 11, 23), "Ley Orgánica 10/1995, del Código Penal",
            "Artículo 301 (blanqueo de capitales)",
            "Resumen redactado para esta biblioteca (el texto oficial está en el enlace oficial): el artículo "
            "castiga a quien, a sabiendas de que unos bienes provienen de una actividad delictiva propia o ajena, "
            "los adquiere, posee, utiliza, convierte o transmite, o hace cualquier otra cosa para ocultar su "
            "origen ilícito o para ayudar a los responsables a eludir las consecuencias legales. La pena es de "
            "prisión de seis meses a seis años y multa del tanto al triplo del valor de los bienes, y se agrava "
            "según el delito del que provienen.",
            "https://www.boe.es/buscar/act.php?id=BOE-A-1995-25444#a301"),
)


def sourced_records_create(actor: User) -> int:
    """The real provisions of `SOURCED` not yet in the library (recognized by their official link)."""
    themes = {theme.code: theme for theme in Theme.objects.filter(code="money-laundering")}
    articles = {f"{a.instrument.code} {a.number}": a for a in Article.objects.select_related("instrument")}
    added = 0
    for item in SOURCED:
        if LegalRecord.objects.filter(official_link=item.link).exists():
            continue
        record_create(
            actor=actor,
            fields=RecordFields(kind=RecordKind.LEGISLATION, state=State.objects.get(code=item.state),
                                original_language=item.language, date=item.date, status=LegalStatus.IN_FORCE,
                                official_link=item.link, articles=[articles[a] for a in item.articles],
                                themes=list(themes.values())),
            text=TextFields(item.language, item.title, item.provision, item.summary),
        )
        added += 1
    return added


@transaction.atomic
def demo_library_create(actor: User) -> int:
    """The thesaurus and the demonstration records, once; 0 when they are there already."""
    for code, names in THEMES.items():
        Theme.objects.get_or_create(code=code, defaults={"names": names})
    sourced = sourced_records_create(actor)
    # The questionnaire's demo adds the laws its answers cite (no theme); these are the library's own.
    if LegalRecord.objects.filter(demo=True, themes__isnull=False).exists():
        return sourced
    themes = {theme.code: theme for theme in Theme.objects.all()}
    wanted = {code for codes in STATES.values() for code in codes}
    states = {state.code: state for state in State.objects.filter(code__in=wanted)}
    articles = {f"{a.instrument.code} {a.number}": a for a in Article.objects.select_related("instrument")}
    return sourced + library_import(actor=actor, records=_records(states, articles, themes), source="demo")

"""Tables of the synthetic deployment. Organisations marked (fictif/fictive) are invented."""

from opennrm.accounts.models import OrganisationType
from opennrm.accounts.roles import Role
from opennrm.cases.vocabularies import (
    DecisionMakingBody,
    ExploitationType,
    ForcedLabourIndustry,
    MethodOfControl,
    MethodOfRecruitment,
    NRMStage,
    SexExploitationType,
)

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - published demo credential, demo data only

E = ExploitationType
C = MethodOfControl
R = MethodOfRecruitment
I = ForcedLabourIndustry  # noqa: E741

# fmt: off
# key, name, short name, type, region, city
ORGANISATIONS = [
    ("cnclt", "Commission nationale de lutte contre la traite des êtres humains", "CNCLT", OrganisationType.NATIONAL_COMMISSION, "MA-04", "Rabat"),
    ("iom", "Organisation internationale pour les migrations – Maroc", "OIM", OrganisationType.UN_AGENCY, "MA-04", "Rabat"),
    ("unodc", "Office des Nations Unies contre la drogue et le crime", "ONUDC", OrganisationType.UN_AGENCY, "MA-04", "Rabat"),
    ("ilo", "Organisation internationale du Travail", "OIT", OrganisationType.UN_AGENCY, "MA-04", "Rabat"),
    ("justice", "Ministère de la Justice", "MJ", OrganisationType.MINISTRY, "MA-04", "Rabat"),
    ("solidarity", "Ministère de la Solidarité, de l'Insertion sociale et de la Famille", "MSISF", OrganisationType.MINISTRY, "MA-04", "Rabat"),
    ("police", "Direction générale de la Sûreté nationale", "DGSN", OrganisationType.LAW_ENFORCEMENT, "MA-04", "Rabat"),
    ("prosecution", "Présidence du Ministère public", "PMP", OrganisationType.PROSECUTION, "MA-04", "Rabat"),
    ("ngo_north", "Association Amal Nord (fictive)", "Amal Nord", OrganisationType.NGO, "MA-01", "Tanger"),
    ("ngo_east", "Réseau Solidarité Oriental (fictif)", "RSO", OrganisationType.NGO, "MA-02", "Oujda"),
    ("ngo_south", "Fondation Tadamoun Souss (fictive)", "Tadamoun", OrganisationType.NGO, "MA-09", "Agadir"),
    ("centre_casa", "Centre d'accueil Dar Al Amane – Casablanca (fictif)", "Dar Al Amane", OrganisationType.RECEPTION_CENTRE, "MA-06", "Casablanca"),
    ("centre_tangier", "Centre d'accueil Nour – Tanger (fictif)", "Centre Nour", OrganisationType.RECEPTION_CENTRE, "MA-01", "Tanger"),
    ("centre_oujda", "Centre d'accueil Al Wafae – Oujda (fictif)", "Al Wafae", OrganisationType.RECEPTION_CENTRE, "MA-02", "Oujda"),
    ("donor", "Programme donateur TIP (fictif)", "Donateur", OrganisationType.DONOR, "MA-04", "Rabat"),
    ("court_casa", "Cour d'appel de Casablanca – greffe de la chambre criminelle (fictif)", "CA Casablanca", OrganisationType.COURT, "MA-06", "Casablanca"),
    ("legal_aid", "Barreau de Casablanca – cellule d'aide juridictionnelle (fictive)", "Aide juridique", OrganisationType.LEGAL_SERVICE, "MA-06", "Casablanca"),
]

# username, first name, last name, organisation key, role
USERS = [
    ("operator", "Samira", "Operatrice", "ngo_north", Role.HOTLINE_OPERATOR),
    ("responder", "Adil", "Agent", "police", Role.FIRST_RESPONDER),
    ("manager", "Leila", "Gestionnaire", "ngo_north", Role.CASE_MANAGER),
    ("manager.iom", "Paul", "Gestionnaire", "iom", Role.CASE_MANAGER),
    ("supervisor", "Karima", "Superviseure", "ngo_north", Role.SUPERVISOR),
    ("shelter", "Nora", "Accueil", "centre_casa", Role.SERVICE_PROVIDER),
    ("prosecutor", "Driss", "Substitut", "prosecution", Role.PROSECUTOR),
    ("police.officer", "Hicham", "Enqueteur", "police", Role.JUDICIAL_POLICE_OFFICER),
    ("clerk", "Naima", "Greffiere", "court_casa", Role.COURT_CLERK),
    ("lawyer", "Mehdi", "Avocat", "legal_aid", Role.VICTIMS_LAWYER),
    ("coordinator", "Amina", "Coordinatrice", "cnclt", Role.COORDINATOR),
    ("dpo", "Youssef", "Protection", "cnclt", Role.DATA_PROTECTION_OFFICER),
    ("donor", "Claire", "Programme", "donor", Role.DONOR_VIEWER),
    ("orgadmin", "Hassan", "Administrateur", "ngo_north", Role.ORGANISATION_ADMIN),
    ("sysadmin", "Système", "Administrateur", "cnclt", Role.SYSTEM_ADMIN),
    ("auditor", "Rita", "Auditrice", "cnclt", Role.AUDITOR),
]
# A second role for one user, to show acting for another organisation.
EXTRA_MEMBERSHIPS = [("manager", "ngo_east", Role.CASE_MANAGER)]

# weight, organisation that owns cases, the regions it works in, who decides there
CASE_OWNERS = [
    (30, "ngo_north", ["MA-01"], DecisionMakingBody.NGO),
    (14, "ngo_east", ["MA-02"], DecisionMakingBody.NGO),
    (10, "ngo_south", ["MA-09", "MA-07"], DecisionMakingBody.NGO),
    (16, "iom", ["MA-04", "MA-06", "MA-01", "MA-02"], DecisionMakingBody.OTHER),
    (18, "police", ["MA-06", "MA-04", "MA-07", "MA-03"], DecisionMakingBody.POLICE),
    (6, "centre_casa", ["MA-06"], DecisionMakingBody.NON_POLICE_GOVERNMENT),
    (6, "cnclt", ["MA-04"], DecisionMakingBody.NON_POLICE_GOVERNMENT),
]

# The authorities of the Moroccan procedure (justice/data/procedures/MA.json) each demo
# organisation acts for.
AUTHORITIES = {
    "police": ["PJ_06", "PJ_01", "PJ_04", "BNPJ"],
    "prosecution": ["PG_CASABLANCA", "PG_TANGER", "PG_RABAT"],
    "court_casa": ["CA_CASABLANCA", "JI_CASABLANCA"],
}

# Organisations that refer cases on to others.
REFERRERS = ["police", "iom"]

# weight, exploitation types, sexual exploitation types, industry, means of control, recruitment
PROFILES = [
    (30, [E.SEXUAL_EXPLOITATION], [SexExploitationType.PROSTITUTION], "", [C.DEBT_BONDAGE, C.PSYCHOLOGICAL_ABUSE, C.TAKES_EARNINGS], [R.FRIENDS, R.ONLINE_SOCIAL_NETWORKS]),
    (8, [E.SEXUAL_EXPLOITATION, E.PORNOGRAPHY], [SexExploitationType.PORNOGRAPHY, SexExploitationType.REMOTE_INTERACTIVE], "", [C.PSYCHOLOGICAL_ABUSE, C.FALSE_PROMISES], [R.ONLINE_SOCIAL_NETWORKS]),
    (16, [E.FORCED_LABOUR], [], I.A, [C.WITHHOLDS_DOCUMENTS, C.EXCESSIVE_WORKING_HOURS, C.TAKES_EARNINGS], [R.AT_WORK, R.FRIENDS]),
    (12, [E.SERVITUDE, E.FORCED_LABOUR], [], I.T, [C.WITHHOLDS_DOCUMENTS, C.WITHHOLDS_NECESSITIES, C.PHYSICAL_ABUSE], [R.FAMILY]),
    (10, [E.FORCED_BEGGING], [], "", [C.PHYSICAL_THREATS, C.TAKES_EARNINGS], [R.FAMILY, R.OTHER]),
    (6, [E.SLAVERY_LIKE_PRACTICES], [], I.T, [C.DEBT_BONDAGE, C.PHYSICAL_ABUSE], [R.FAMILY]),
    (6, [E.CRIMINAL_PURPOSES], [], "", [C.PSYCHOACTIVE_SUBSTANCE, C.PHYSICAL_THREATS], [R.FRIENDS]),
    (5, [E.FORCED_LABOUR], [], I.F, [C.DEBT_BONDAGE, C.FALSE_PROMISES], [R.ONLINE_ADVERTISEMENT]),
    (4, [E.FORCED_MARRIAGE], [], "", [C.THREATENS_CHILDREN_FAMILY, C.SEXUAL_ABUSE], [R.FAMILY]),
    (3, [E.CHILD_LABOUR, E.FORCED_LABOUR], [], I.C, [C.EXCESSIVE_WORKING_HOURS], [R.FAMILY]),
]

# weight, the stages a case has gone through after identification
STAGE_PATHS = [
    (30, [NRMStage.IDENTIFICATION]),
    (25, [NRMStage.IMMEDIATE_ASSISTANCE]),
    (20, [NRMStage.IMMEDIATE_ASSISTANCE, NRMStage.LONG_TERM_ASSISTANCE]),
    (12, [NRMStage.IMMEDIATE_ASSISTANCE, NRMStage.RETURN_REINTEGRATION]),
    (13, [NRMStage.IMMEDIATE_ASSISTANCE, NRMStage.LONG_TERM_ASSISTANCE, NRMStage.CLOSED]),
]
# fmt: on

STREETS = [
    "Rue Ibn Batouta",
    "Avenue Hassan II",
    "Derb Sidi Bouloukat",
    "Rue des Orangers",
    "Hay Al Massira",
    "Quartier Lazaret",
    "Rue Moulay Ismail",
    "Douar Ouled Taleb",
]
CITIES = ["Tanger", "Oujda", "Fès", "Rabat", "Casablanca", "Marrakech", "Agadir"]
FOREIGN_EXPLOITATION_COUNTRIES = ["ES", "LY", "SA", "AE"]
NOTE_TEMPLATES = [
    "Premier entretien mené avec interprète. La personne est fatiguée mais en sécurité.",
    "Orientation vers un examen médical; rendez-vous pris pour la semaine prochaine.",
    "Appel de suivi: la personne souhaite rester au centre pendant la période de rétablissement.",
    "Documents d'identité retenus par l'employeur; signalement transmis au parquet.",
    "Entretien psychosocial réalisé. Plan de soutien à discuter avec la personne.",
]
FINAL_DECISION_REASONS = (
    "Indicateurs forts de contrainte et d'exploitation constatés lors de l'entretien."
)
CLOSURE_REASON = "Réinsertion réussie, suivi terminé."

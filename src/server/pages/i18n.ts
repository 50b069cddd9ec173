// Interface strings of the member pages in English, German, French and Spanish. Notice texts themselves come from
// the policy; these are the words around them. Missing keys fall back to English.

export const LOCALES = ['en', 'de', 'fr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_NAMES: Readonly<Record<Locale, string>> = Object.freeze({
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
});

const EN = {
  skip: 'Skip to content',
  navSetting: 'Generative AI setting',
  navYourData: 'Your data and AI',
  navObjection: 'Other AI uses',
  signOut: 'Sign out',
  language: 'Language',
  settingTitle: 'Data for Generative AI Improvement',
  settingLead: 'Decide whether your data may train AI models that create content.',
  toggleLabel: 'Use my data to train content-generating AI',
  on: 'On',
  off: 'Off',
  save: 'Save choice',
  saved: 'Your choice was saved.',
  stateExplicit: 'Your choice, recorded on {date}.',
  stateDefault: 'You have not made a choice; this is the default under the current policy.',
  offHeading: 'What turning it off does',
  offDoes1: 'Stops new use of your data and content for generative AI training from now on.',
  offDoes2: 'Removes your data from every dataset that has not been published yet.',
  offNot1: 'Does not undo training that already took place: models trained earlier keep what they learned.',
  offFlag: 'Models that already hold your data are flagged for review, as the policy requires.',
  offNot2: 'Does not cover AI for personalization, security and anti-abuse; use the objection form for those.',
  excludedHeading: 'Your data is not used in any case',
  excludedNote: 'Whatever you choose here, this applies now:',
  gpcRecorded: 'Your browser sent a Global Privacy Control signal. We recorded it as turning this setting off for you.',
  gpcOverridden:
    'Your browser sends a Global Privacy Control signal, but you turned this setting on yourself, so your own choice applies.',
  historyHeading: 'History of your choices',
  historyEmpty: 'No choices recorded yet.',
  colDate: 'Date',
  colChoice: 'Choice',
  colHow: 'How',
  yourDataTitle: 'Your data and AI',
  yourDataLead: 'Datasets and models that hold your data, with dates and counts. Nothing here is hidden from you.',
  buildsHeading: 'Datasets built with your data',
  buildsEmpty: 'None of your data is in any dataset.',
  colDataset: 'Dataset',
  colPurpose: 'Purpose',
  colBuilt: 'Built',
  colItems: 'Your items',
  colBeforeWithdrawal: 'Before you turned it off',
  modelsHeading: 'Models trained on those datasets',
  modelsEmpty: 'No registered model was trained on your data.',
  colModel: 'Model',
  colRegistered: 'Registered',
  colFlagged: 'Flagged',
  yes: 'Yes',
  no: 'No',
  exportHeading: 'Your data',
  exportText: 'Download everything Assent holds about you as a JSON file.',
  exportButton: 'Download my data',
  objectionTitle: 'Object to other AI uses',
  objectionLead:
    'Models for personalization, ranking, security and anti-abuse do not create content. You can object to your data being used to train them.',
  objectionCheckbox: 'I object to the use of my data for training non-generative AI',
  objectionSubmit: 'Send',
  objectionActive: 'Your objection is on record since {date}.',
  objectionNone: 'You have not objected.',
  status_given: 'On',
  status_withdrawn: 'Off',
  method_toggle: 'Settings page',
  method_api: 'Platform',
  method_gpc: 'Global Privacy Control',
  method_objection_form: 'Objection form',
  method_import: 'Import',
  method_admin: 'Administrator',
  reason_jurisdiction_excluded: 'Members in your region are not included under the current policy.',
  reason_minor: 'Members under 18, or who may be under 18, are never included.',
  reason_unknown_jurisdiction: 'Your country is not known, so your data is not used.',
  reason_account_deactivated: 'Your account is deactivated.',
  reason_account_deleted: 'Your account is deleted.',
  reason_no_consent: 'Your region requires you to opt in, and you have not.',
  signInTitle: 'Sign in',
} as const;

export type MessageKey = keyof typeof EN;
type Messages = Readonly<Record<MessageKey, string>>;

const DE: Partial<Messages> = {
  skip: 'Zum Inhalt springen',
  navSetting: 'Einstellung generative KI',
  navYourData: 'Ihre Daten und KI',
  navObjection: 'Andere KI-Nutzungen',
  signOut: 'Abmelden',
  language: 'Sprache',
  settingTitle: 'Daten zur Verbesserung generativer KI',
  settingLead: 'Entscheiden Sie, ob Ihre Daten KI-Modelle trainieren dürfen, die Inhalte erstellen.',
  toggleLabel: 'Meine Daten zum Training inhaltserzeugender KI verwenden',
  on: 'An',
  off: 'Aus',
  save: 'Auswahl speichern',
  saved: 'Ihre Auswahl wurde gespeichert.',
  stateExplicit: 'Ihre Auswahl, erfasst am {date}.',
  stateDefault: 'Sie haben keine Auswahl getroffen; dies ist die Voreinstellung der aktuellen Richtlinie.',
  offHeading: 'Was das Ausschalten bewirkt',
  offDoes1: 'Beendet ab jetzt die neue Nutzung Ihrer Daten und Inhalte für das Training generativer KI.',
  offDoes2: 'Entfernt Ihre Daten aus allen Datensätzen, die noch nicht veröffentlicht sind.',
  offNot1:
    'Macht bereits erfolgtes Training nicht rückgängig: früher trainierte Modelle behalten, was sie gelernt haben.',
  offFlag: 'Modelle, die Ihre Daten bereits enthalten, werden gemäß Richtlinie zur Prüfung markiert.',
  offNot2:
    'Gilt nicht für KI zur Personalisierung, Sicherheit und Missbrauchsabwehr; nutzen Sie dafür das Widerspruchsformular.',
  excludedHeading: 'Ihre Daten werden ohnehin nicht verwendet',
  excludedNote: 'Unabhängig von Ihrer Auswahl gilt derzeit:',
  gpcRecorded:
    'Ihr Browser hat ein Global-Privacy-Control-Signal gesendet. Wir haben es als Ausschalten dieser Einstellung erfasst.',
  gpcOverridden:
    'Ihr Browser sendet ein Global-Privacy-Control-Signal, aber Sie haben diese Einstellung selbst eingeschaltet; Ihre eigene Auswahl gilt.',
  historyHeading: 'Verlauf Ihrer Auswahl',
  historyEmpty: 'Noch keine Auswahl erfasst.',
  colDate: 'Datum',
  colChoice: 'Auswahl',
  colHow: 'Wie',
  yourDataTitle: 'Ihre Daten und KI',
  yourDataLead:
    'Datensätze und Modelle, die Ihre Daten enthalten, mit Datum und Anzahl. Nichts davon wird Ihnen vorenthalten.',
  buildsHeading: 'Datensätze mit Ihren Daten',
  buildsEmpty: 'Ihre Daten sind in keinem Datensatz.',
  colDataset: 'Datensatz',
  colPurpose: 'Zweck',
  colBuilt: 'Erstellt',
  colItems: 'Ihre Einträge',
  colBeforeWithdrawal: 'Vor dem Ausschalten',
  modelsHeading: 'Mit diesen Datensätzen trainierte Modelle',
  modelsEmpty: 'Kein registriertes Modell wurde mit Ihren Daten trainiert.',
  colModel: 'Modell',
  colRegistered: 'Registriert',
  colFlagged: 'Markiert',
  yes: 'Ja',
  no: 'Nein',
  exportHeading: 'Ihre Daten',
  exportText: 'Laden Sie alles, was Assent über Sie speichert, als JSON-Datei herunter.',
  exportButton: 'Meine Daten herunterladen',
  objectionTitle: 'Widerspruch gegen andere KI-Nutzungen',
  objectionLead:
    'Modelle für Personalisierung, Ranking, Sicherheit und Missbrauchsabwehr erstellen keine Inhalte. Sie können der Nutzung Ihrer Daten für deren Training widersprechen.',
  objectionCheckbox: 'Ich widerspreche der Nutzung meiner Daten für das Training nicht-generativer KI',
  objectionSubmit: 'Senden',
  objectionActive: 'Ihr Widerspruch liegt seit {date} vor.',
  objectionNone: 'Sie haben nicht widersprochen.',
  status_given: 'An',
  status_withdrawn: 'Aus',
  method_toggle: 'Einstellungsseite',
  method_api: 'Plattform',
  method_objection_form: 'Widerspruchsformular',
  method_admin: 'Administrator',
  reason_jurisdiction_excluded: 'Mitglieder in Ihrer Region sind nach der aktuellen Richtlinie ausgenommen.',
  reason_minor: 'Mitglieder unter 18 oder möglicherweise unter 18 werden nie einbezogen.',
  reason_unknown_jurisdiction: 'Ihr Land ist nicht bekannt, daher werden Ihre Daten nicht verwendet.',
};

const FR: Partial<Messages> = {
  skip: 'Aller au contenu',
  navSetting: 'Paramètre IA générative',
  navYourData: 'Vos données et l’IA',
  navObjection: 'Autres usages de l’IA',
  signOut: 'Se déconnecter',
  language: 'Langue',
  settingTitle: 'Données pour l’amélioration de l’IA générative',
  settingLead: 'Décidez si vos données peuvent entraîner des modèles d’IA qui créent du contenu.',
  toggleLabel: 'Utiliser mes données pour entraîner l’IA qui génère du contenu',
  on: 'Activé',
  off: 'Désactivé',
  save: 'Enregistrer',
  saved: 'Votre choix a été enregistré.',
  stateExplicit: 'Votre choix, enregistré le {date}.',
  stateDefault: 'Vous n’avez pas fait de choix ; c’est le réglage par défaut de la politique actuelle.',
  offHeading: 'Ce que la désactivation change',
  offDoes1:
    'Arrête dès maintenant toute nouvelle utilisation de vos données et contenus pour entraîner l’IA générative.',
  offDoes2: 'Retire vos données de tous les jeux de données pas encore publiés.',
  offNot1: 'N’annule pas l’entraînement déjà effectué : les modèles entraînés auparavant gardent ce qu’ils ont appris.',
  offFlag: 'Les modèles qui contiennent déjà vos données sont signalés pour examen, comme le prévoit la politique.',
  offNot2:
    'Ne couvre pas l’IA de personnalisation, de sécurité et de lutte contre les abus ; utilisez le formulaire d’opposition.',
  excludedHeading: 'Vos données ne sont de toute façon pas utilisées',
  excludedNote: 'Quel que soit votre choix, ceci s’applique actuellement :',
  gpcRecorded:
    'Votre navigateur a envoyé un signal Global Privacy Control. Nous l’avons enregistré comme la désactivation de ce paramètre.',
  gpcOverridden:
    'Votre navigateur envoie un signal Global Privacy Control, mais vous avez activé ce paramètre vous-même ; votre choix s’applique.',
  historyHeading: 'Historique de vos choix',
  historyEmpty: 'Aucun choix enregistré.',
  colDate: 'Date',
  colChoice: 'Choix',
  colHow: 'Comment',
  yourDataTitle: 'Vos données et l’IA',
  yourDataLead:
    'Les jeux de données et modèles qui contiennent vos données, avec dates et nombres. Rien ne vous est caché.',
  buildsHeading: 'Jeux de données contenant vos données',
  buildsEmpty: 'Vos données ne figurent dans aucun jeu de données.',
  colDataset: 'Jeu de données',
  colPurpose: 'Finalité',
  colBuilt: 'Construit',
  colItems: 'Vos éléments',
  colBeforeWithdrawal: 'Avant la désactivation',
  modelsHeading: 'Modèles entraînés sur ces jeux de données',
  modelsEmpty: 'Aucun modèle enregistré n’a été entraîné sur vos données.',
  colModel: 'Modèle',
  colRegistered: 'Enregistré',
  colFlagged: 'Signalé',
  yes: 'Oui',
  no: 'Non',
  exportHeading: 'Vos données',
  exportText: 'Téléchargez tout ce qu’Assent détient sur vous dans un fichier JSON.',
  exportButton: 'Télécharger mes données',
  objectionTitle: 'S’opposer aux autres usages de l’IA',
  objectionLead:
    'Les modèles de personnalisation, de classement, de sécurité et de lutte contre les abus ne créent pas de contenu. Vous pouvez vous opposer à l’utilisation de vos données pour les entraîner.',
  objectionCheckbox: 'Je m’oppose à l’utilisation de mes données pour entraîner l’IA non générative',
  objectionSubmit: 'Envoyer',
  objectionActive: 'Votre opposition est enregistrée depuis le {date}.',
  objectionNone: 'Vous ne vous êtes pas opposé.',
  status_given: 'Activé',
  status_withdrawn: 'Désactivé',
  method_toggle: 'Page des paramètres',
  method_api: 'Plateforme',
  method_objection_form: 'Formulaire d’opposition',
  method_admin: 'Administrateur',
  reason_jurisdiction_excluded: 'Les membres de votre région sont exclus selon la politique actuelle.',
  reason_minor: 'Les membres de moins de 18 ans, ou qui pourraient l’être, ne sont jamais inclus.',
  reason_unknown_jurisdiction: 'Votre pays est inconnu, vos données ne sont donc pas utilisées.',
};

const ES: Partial<Messages> = {
  skip: 'Ir al contenido',
  navSetting: 'Ajuste de IA generativa',
  navYourData: 'Tus datos y la IA',
  navObjection: 'Otros usos de IA',
  signOut: 'Cerrar sesión',
  language: 'Idioma',
  settingTitle: 'Datos para mejorar la IA generativa',
  settingLead: 'Decide si tus datos pueden entrenar modelos de IA que crean contenido.',
  toggleLabel: 'Usar mis datos para entrenar IA que genera contenido',
  on: 'Activado',
  off: 'Desactivado',
  save: 'Guardar',
  saved: 'Tu elección se ha guardado.',
  stateExplicit: 'Tu elección, registrada el {date}.',
  stateDefault: 'No has elegido; este es el valor predeterminado de la política actual.',
  offHeading: 'Qué hace desactivarlo',
  offDoes1: 'Detiene desde ahora el nuevo uso de tus datos y contenido para entrenar IA generativa.',
  offDoes2: 'Quita tus datos de todos los conjuntos de datos aún no publicados.',
  offNot1: 'No deshace el entrenamiento ya realizado: los modelos entrenados antes conservan lo que aprendieron.',
  offFlag: 'Los modelos que ya contienen tus datos se marcan para revisión, como exige la política.',
  offNot2: 'No cubre la IA de personalización, seguridad y antiabuso; usa el formulario de oposición para ello.',
  excludedHeading: 'Tus datos no se usan en ningún caso',
  excludedNote: 'Elijas lo que elijas, ahora se aplica:',
  gpcRecorded: 'Tu navegador envió una señal Global Privacy Control. La registramos como desactivación de este ajuste.',
  gpcOverridden:
    'Tu navegador envía una señal Global Privacy Control, pero activaste este ajuste tú mismo; se aplica tu elección.',
  historyHeading: 'Historial de tus elecciones',
  historyEmpty: 'Aún no hay elecciones registradas.',
  colDate: 'Fecha',
  colChoice: 'Elección',
  colHow: 'Cómo',
  yourDataTitle: 'Tus datos y la IA',
  yourDataLead: 'Conjuntos de datos y modelos que contienen tus datos, con fechas y cantidades. No se te oculta nada.',
  buildsHeading: 'Conjuntos de datos con tus datos',
  buildsEmpty: 'Tus datos no están en ningún conjunto de datos.',
  colDataset: 'Conjunto de datos',
  colPurpose: 'Finalidad',
  colBuilt: 'Creado',
  colItems: 'Tus elementos',
  colBeforeWithdrawal: 'Antes de desactivarlo',
  modelsHeading: 'Modelos entrenados con esos conjuntos',
  modelsEmpty: 'Ningún modelo registrado se entrenó con tus datos.',
  colModel: 'Modelo',
  colRegistered: 'Registrado',
  colFlagged: 'Marcado',
  yes: 'Sí',
  no: 'No',
  exportHeading: 'Tus datos',
  exportText: 'Descarga todo lo que Assent guarda sobre ti en un archivo JSON.',
  exportButton: 'Descargar mis datos',
  objectionTitle: 'Oponerse a otros usos de IA',
  objectionLead:
    'Los modelos de personalización, clasificación, seguridad y antiabuso no crean contenido. Puedes oponerte a que tus datos se usen para entrenarlos.',
  objectionCheckbox: 'Me opongo al uso de mis datos para entrenar IA no generativa',
  objectionSubmit: 'Enviar',
  objectionActive: 'Tu oposición consta desde el {date}.',
  objectionNone: 'No te has opuesto.',
  status_given: 'Activado',
  status_withdrawn: 'Desactivado',
  method_toggle: 'Página de ajustes',
  method_api: 'Plataforma',
  method_objection_form: 'Formulario de oposición',
  method_admin: 'Administrador',
  reason_jurisdiction_excluded: 'Los miembros de tu región están excluidos según la política actual.',
  reason_minor: 'Los miembros menores de 18 años, o que podrían serlo, nunca se incluyen.',
  reason_unknown_jurisdiction: 'Tu país no se conoce, así que tus datos no se usan.',
};

const TABLES: Readonly<Record<Locale, Partial<Messages>>> = Object.freeze({ en: EN, de: DE, fr: FR, es: ES });

/** True for a locale the pages are translated into. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A translator for one locale; `{name}` placeholders are filled from `params`. */
export function translator(locale: Locale) {
  const table = TABLES[locale];
  return (key: MessageKey, params: Readonly<Record<string, string>> = {}): string =>
    (table[key] ?? EN[key]).replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

export type Translate = ReturnType<typeof translator>;

/**
 * Chooses the page language: an explicit choice (query or cookie), then the member's language, then
 * Accept-Language, then English.
 */
export function chooseLocale(
  candidates: readonly (string | null | undefined)[],
  acceptLanguage: string | undefined,
): Locale {
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { base: tag.toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const entry of ranked) if (isLocale(entry.base)) return entry.base;
  return 'en';
}

/** A date in the locale's long form, in UTC so pages and tests agree. */
export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A date and time (UTC), for history rows where several changes can fall on one day. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
}

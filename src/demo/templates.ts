// Text templates for the synthetic network's content, per language and kind. Slots in braces are filled with
// generated personal data ({name}, {email}, {phone}, {address}, {url}, {handle}, {card}, {secret}, ...), so the
// redaction engine has realistic work: names of other people, contact details in national formats, and the odd
// credential pasted where it should not be.

type Templates = Readonly<Record<string, readonly string[]>>;

const EN: Templates = {
  post: [
    'Excited to share that I just started a new role at {company} in {city}! Huge thanks to {name} for the support.',
    'Three lessons from scaling our data platform this year: measure first, automate second, and write things down. {topic} is next.',
    'We are hiring backend engineers in {city}. Send your CV to {email} or ping {handle} here.',
    'Had a great conversation with {name} about {topic}. Slides are up at {url}',
    'Grateful for my mentor {first}, who taught me that clear writing is clear thinking.',
    'Our team shipped the new {topic} pipeline today. Proud of everyone involved, especially {name} and {name2}.',
    'Looking for recommendations on {topic} courses. Anyone tried the one by {name}?',
    'Just crossed 5 years at {company}. Time flies when the problems are interesting.',
  ],
  article: [
    'How we cut our cloud bill by 40%\n\nWhen {name} joined {company} last spring, our infrastructure costs were growing faster than revenue. This article walks through what we changed: right-sizing, spot capacity, and a cost review every sprint. Questions? Reach me at {email}.',
    'What I learned about {topic} in 2025\n\nA year ago I knew little about {topic}. Here is what changed my mind, with notes from conversations with {name} and the team in {city}.',
  ],
  comment: [
    'Congratulations {first}! Well deserved.',
    'Great point. {name} wrote something similar last year, worth a read: {url}',
    'Thanks for sharing, this is exactly what we needed.',
    'Happy to help, message me at {phone} or {email}.',
    'Agree with {handle} on this one.',
    'Could you share the deck? My email is {email}',
  ],
  poll_response: ['Option B: remote-first with quarterly meetups', 'Option A', 'Option C: fully in office', 'Yes'],
  group_post: [
    'Welcome to the {topic} practitioners group! Introduce yourself below. I am {name}, based in {city}.',
    'Meetup next Thursday at {address}. RSVP to {email}.',
    'Does anyone have a contact at {company}? Trying to reach {name} about a partnership.',
  ],
  group_message: [
    'Hi all, the room is booked. Call me at {phone} if you get lost.',
    '{first}, can you bring the projector? Thanks!',
    'Notes from today are in the shared drive, ping {handle} for access.',
  ],
  private_message: [
    'Hey {first}, here is my personal number {phone}. Let us catch up next week.',
    'The card for the team dinner is {card}, exp 09/28. Please delete this after booking.',
    'My home address is {address} if you want to send the contract.',
  ],
  profile: [
    '{title} at {company}. {topic} enthusiast. Based in {city}. Contact: {email}',
    'Product manager with 10 years in {topic}. Previously at {company2}. Portfolio: {url}',
    'Software engineer. Open source maintainer ({handle}). Speaker. Coffee.',
  ],
  resume: [
    'Curriculum vitae. {me} | {email} | {phone} | {address}\nExperience: {title}, {company} (2019-2025). Education: BSc Computer Science. References: {name}, {company2}.',
  ],
  job_application: [
    'Application for the {title} role. Expected salary: 145,000 USD. Phone {phone}. References available from {name}.',
  ],
  ai_prompt: [
    'Write a LinkedIn post announcing that {name} joined our team at {company} as {title}.',
    'Summarise this email thread for me and draft a reply to {email}.',
    'Help me rewrite my headline: {title} focused on {topic}.',
    'Fix this config, it fails with auth errors: AWS_ACCESS_KEY_ID={secret}',
  ],
  ai_feedback: [
    'The suggested post was too formal and it misspelled {name}.',
    'Thumbs up, the summary was accurate.',
    'It invented a job title I never had.',
  ],
  support_request: [
    'I cannot log in since yesterday. My account email is {email} and my phone is {phone}.',
    'Please update my billing address to {address}.',
    'Someone is impersonating me, the fake profile is {url}. Please remove it.',
  ],
  platform_feedback: ['The new feed is noisy. I would like fewer suggested posts.', 'Love the new search filters!'],
  usage_summary: ['sessions_last_30d=23; posts=4; comments=11; language=en'],
  payment_record: ['Premium subscription renewed, card {card}, 29.99 USD.'],
  salary_record: ['Self-reported salary: 98,000 USD per year, {title}, {city}.'],
  credential: ['password reset token issued; recovery phone {phone}; api_key={secret}'],
};

const DE: Templates = {
  post: [
    'Ich freue mich, dass ich ab heute bei {company} in {city} arbeite! Danke an {name} für die Unterstützung.',
    'Drei Dinge, die ich dieses Jahr über {topic} gelernt habe. Fragen gerne an {email}.',
    'Wir suchen Verstärkung in {city}. Meldet euch bei {name} unter {phone}.',
    'Tolles Gespräch mit {name} über {topic}. Die Folien gibt es hier: {url}',
  ],
  comment: [
    'Herzlichen Glückwunsch, {first}!',
    'Sehr guter Beitrag, danke fürs Teilen.',
    'Schreib mir gerne an {email}.',
  ],
  profile: ['{title} bei {company}. Schwerpunkt {topic}. Wohnhaft in {city}. Kontakt: {email}'],
  group_post: ['Treffen nächsten Donnerstag in der {address}. Anmeldung bei {email}.'],
  support_request: ['Ich komme nicht mehr in mein Konto. E-Mail: {email}, Telefon: {phone}.'],
};

const FR: Templates = {
  post: [
    'Ravie de rejoindre {company} à {city} ! Merci à {name} pour son soutien.',
    'Trois leçons sur {topic} cette année. Écrivez-moi à {email} pour en discuter.',
    'Nous recrutons à {city}. Contactez {name} au {phone}.',
    'Belle discussion avec {name} sur {topic}. Les slides : {url}',
  ],
  comment: ['Félicitations {first} !', 'Merci pour le partage, très utile.', 'Envoyez-moi un message à {email}.'],
  profile: ['{title} chez {company}. Passionnée de {topic}. Basée à {city}. Contact : {email}'],
  group_post: ['Rendez-vous jeudi prochain au {address}. Inscription : {email}.'],
  support_request: ['Je ne peux plus me connecter. Mon e-mail est {email} et mon téléphone {phone}.'],
};

const ES: Templates = {
  post: [
    '¡Muy contento de empezar en {company} en {city}! Gracias a {name} por todo el apoyo.',
    'Tres lecciones sobre {topic} de este año. Escribidme a {email} si queréis hablar.',
    'Buscamos ingenieros en {city}. Llamad a {name} al {phone}.',
    'Gran conversación con {name} sobre {topic}. Las diapositivas: {url}',
  ],
  comment: ['¡Enhorabuena, {first}!', 'Gracias por compartir, muy útil.', 'Escríbeme a {email}.'],
  profile: ['{title} en {company}. Apasionada por {topic}. Vivo en {city}. Contacto: {email}'],
  group_post: ['Quedamos el jueves en {address}. Confirmad en {email}.'],
  support_request: ['No puedo acceder a mi cuenta. Mi correo es {email} y mi teléfono {phone}.'],
};

const PT: Templates = {
  post: [
    'Feliz em começar na {company} em {city}! Obrigado a {name} pelo apoio.',
    'Três lições sobre {topic} deste ano. Me escreva em {email} para conversar.',
    'Estamos contratando em {city}. Fale com {name} pelo {phone}.',
    'Ótima conversa com {name} sobre {topic}. Os slides: {url}',
  ],
  comment: ['Parabéns, {first}!', 'Obrigado por compartilhar, muito útil.', 'Me manda um e-mail em {email}.'],
  profile: ['{title} na {company}. Apaixonada por {topic}. Moro em {city}. Contato: {email}'],
  group_post: ['Encontro na próxima quinta na {address}. Confirme em {email}.'],
  support_request: ['Não consigo entrar na minha conta. Meu e-mail é {email} e meu telefone {phone}.'],
};

export const TEMPLATES: Readonly<Record<string, Templates>> = { en: EN, de: DE, fr: FR, es: ES, pt: PT };

/** Extra sentences appended to posts and comments, so that two members rarely write the very same text. */
export const EXTRA_SENTENCES: Readonly<Record<string, readonly string[]>> = {
  en: [
    'We went from {n} to {m} people on the team this year.',
    'It took us {n} weeks and {m} attempts to get it right.',
    'Still thinking about what {first} said at the {city} meetup.',
    'Day {n} of learning {topic}: today was about testing.',
    'If you are in {city} next month, let us grab a coffee.',
    'Our {topic} survey got {m} answers in {n} days.',
    'Reading list for the weekend: {n} papers on {topic}.',
    'Grateful to the {m} people who came to the workshop.',
  ],
  de: [
    'Unser Team ist dieses Jahr von {n} auf {m} Leute gewachsen.',
    'Nach {n} Wochen und {m} Versuchen hat es geklappt.',
    'Wer nächsten Monat in {city} ist: lasst uns einen Kaffee trinken.',
  ],
  fr: [
    'Notre équipe est passée de {n} à {m} personnes cette année.',
    'Il nous a fallu {n} semaines et {m} essais.',
    'Si vous êtes à {city} le mois prochain, prenons un café.',
  ],
  es: [
    'Nuestro equipo pasó de {n} a {m} personas este año.',
    'Nos llevó {n} semanas y {m} intentos conseguirlo.',
    'Si estáis en {city} el mes que viene, tomamos un café.',
  ],
  pt: [
    'Nosso time passou de {n} para {m} pessoas este ano.',
    'Levamos {n} semanas e {m} tentativas para acertar.',
    'Se estiver em {city} no mês que vem, vamos tomar um café.',
  ],
};

export const TOPICS: readonly string[] = [
  'data engineering',
  'machine learning',
  'product design',
  'supply chain',
  'cloud security',
  'developer relations',
  'climate tech',
  'privacy engineering',
];

export const TITLES: readonly string[] = [
  'Senior Data Engineer',
  'Product Manager',
  'Head of Growth',
  'UX Researcher',
  'Staff Software Engineer',
  'Marketing Lead',
  'Recruiter',
];

/** The templates for a language and kind, falling back to English for kinds a language does not define. */
export function templatesFor(language: string, kind: string): readonly string[] {
  const own = TEMPLATES[language]?.[kind];
  if (own && own.length > 0) return own;
  const english = EN[kind];
  if (!english) throw new Error(`no template for kind ${kind}`);
  return english;
}

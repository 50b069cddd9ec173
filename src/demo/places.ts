// Countries of the synthetic network: how many members live there, what they write in, and how their phone numbers,
// addresses and names look. Numbers follow each country's real numbering plan so phone detection has real work.

import type { Random } from './random.js';

export interface CountryProfile {
  readonly code: string;
  /** Relative share of members. */
  readonly weight: number;
  readonly language: string;
  /** Key into NAMES. */
  readonly names: string;
  readonly cities: readonly string[];
  readonly subdivisions?: readonly string[];
  phone(random: Random): string;
  address(random: Random): string;
}

const digits = (random: Random, n: number): string => random.chars('0123456789', n);
const nz = (random: Random): string => random.chars('23456789', 1);

const STREETS_EN = [
  'Maple Street',
  'Oak Avenue',
  'Cedar Lane',
  'Elm Road',
  'Park Place',
  'Lakeview Drive',
  'Mill Road',
];
const STREETS_GB = ['High Street', 'Church Road', 'Station Road', 'Victoria Road', 'Green Lane', 'Manor Road'];
const STREETS_DE = ['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Schillerstraße', 'Lindenallee', 'Bergstraße'];
const STREETS_FR = ['rue de la République', 'avenue Victor Hugo', 'rue Pasteur', 'boulevard Voltaire', 'rue des Lilas'];
const STREETS_ES = ['Calle Mayor', 'Calle de Alcalá', 'Avenida de la Constitución', 'Calle del Sol', 'Paseo del Prado'];
const STREETS_BR = ['Rua das Flores', 'Avenida Paulista', 'Rua XV de Novembro', 'Rua Augusta', 'Avenida Atlântica'];
const STREETS_IN = ['MG Road', 'Nehru Street', 'Station Road', 'Gandhi Nagar Main Road', 'Brigade Road'];

export const COUNTRIES: readonly CountryProfile[] = [
  {
    code: 'US',
    weight: 22,
    language: 'en',
    names: 'en',
    cities: ['Austin', 'Chicago', 'Seattle', 'Denver', 'Boston', 'Atlanta'],
    subdivisions: ['US-CA', 'US-NY', 'US-TX', 'US-WA', 'US-IL', 'US-MA', 'US-CO', 'US-GA'],
    phone: (r) =>
      r.pick([
        `(${r.pick(['212', '415', '312', '206', '617', '303'])}) ${nz(r)}${digits(r, 2)}-${digits(r, 4)}`,
        `+1 ${r.pick(['512', '404', '720'])}-${nz(r)}${digits(r, 2)}-${digits(r, 4)}`,
      ]),
    address: (r) =>
      `${r.int(10, 9999)} ${r.pick(STREETS_EN)}, ${r.pick(['Austin, TX 787', 'Chicago, IL 606', 'Seattle, WA 981'])}${digits(r, 2)}`,
  },
  {
    code: 'IN',
    weight: 12,
    language: 'en',
    names: 'in',
    cities: ['Bengaluru', 'Mumbai', 'Pune', 'Hyderabad', 'Chennai', 'Delhi'],
    phone: (r) =>
      r.pick([
        `+91 ${r.pick(['98', '97', '96', '90', '88'])}${digits(r, 3)} ${digits(r, 5)}`,
        `0${r.pick(['98', '99'])}${digits(r, 8)}`,
      ]),
    address: (r) =>
      `${r.int(1, 400)}, ${r.pick(STREETS_IN)}, ${r.pick(['Bengaluru 5600', 'Pune 4110', 'Chennai 6000'])}${digits(r, 2)}`,
  },
  {
    code: 'BR',
    weight: 9,
    language: 'pt',
    names: 'pt',
    cities: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Recife'],
    phone: (r) =>
      r.pick([
        `(${r.pick(['11', '21', '31', '41'])}) 9${digits(r, 4)}-${digits(r, 4)}`,
        `+55 11 9${digits(r, 4)}-${digits(r, 4)}`,
      ]),
    address: (r) =>
      `${r.pick(STREETS_BR)}, ${r.int(10, 2500)} - ${r.pick(['São Paulo - SP', 'Curitiba - PR'])}, ${digits(r, 5)}-${digits(r, 3)}`,
  },
  {
    code: 'GB',
    weight: 7,
    language: 'en',
    names: 'en',
    cities: ['London', 'Manchester', 'Leeds', 'Bristol', 'Glasgow'],
    phone: (r) => r.pick([`020 7946 0${digits(r, 3)}`, `+44 7700 900${digits(r, 3)}`, `0161 496 0${digits(r, 3)}`]),
    address: (r) =>
      `${r.int(1, 250)} ${r.pick(STREETS_GB)}, ${r.pick(['London SW1A', 'Manchester M1', 'Leeds LS1'])} ${r.int(1, 9)}${r.chars('ABDEFGHJLNPQRSTUWXYZ', 2)}`,
  },
  {
    code: 'DE',
    weight: 7,
    language: 'de',
    names: 'de',
    cities: ['Berlin', 'München', 'Hamburg', 'Köln', 'Frankfurt am Main'],
    phone: (r) =>
      r.pick([`030 ${digits(r, 8)}`, `+49 ${r.pick(['151', '160', '172'])} ${digits(r, 8)}`, `089 ${digits(r, 7)}`]),
    address: (r) =>
      `${r.pick(STREETS_DE)} ${r.int(1, 180)}, ${r.pick(['10', '80', '20', '50'])}${digits(r, 3)} ${r.pick(['Berlin', 'München', 'Hamburg', 'Köln'])}`,
  },
  {
    code: 'FR',
    weight: 6,
    language: 'fr',
    names: 'fr',
    cities: ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Nantes'],
    phone: (r) =>
      r.pick([
        `0${r.pick(['6', '7'])} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
        `+33 1 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
      ]),
    address: (r) =>
      `${r.int(1, 150)} ${r.pick(STREETS_FR)}, ${r.pick(['750', '690', '130'])}${digits(r, 2)} ${r.pick(['Paris', 'Lyon', 'Marseille'])}`,
  },
  {
    code: 'ES',
    weight: 5,
    language: 'es',
    names: 'es',
    cities: ['Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Bilbao'],
    phone: (r) =>
      r.pick([
        `6${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}`,
        `+34 91 ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`,
      ]),
    address: (r) =>
      `${r.pick(STREETS_ES)}, ${r.int(1, 120)}, ${r.pick(['280', '080', '460'])}${digits(r, 2)} ${r.pick(['Madrid', 'Barcelona', 'Valencia'])}`,
  },
  {
    code: 'IT',
    weight: 3,
    language: 'en',
    names: 'it',
    cities: ['Milano', 'Roma', 'Torino'],
    phone: (r) => `+39 3${digits(r, 2)} ${digits(r, 3)} ${digits(r, 4)}`,
    address: (r) => `Via Roma ${r.int(1, 99)}, 20${digits(r, 3)} Milano`,
  },
  {
    code: 'NL',
    weight: 2,
    language: 'en',
    names: 'nl',
    cities: ['Amsterdam', 'Rotterdam', 'Utrecht'],
    phone: (r) => `+31 6 ${digits(r, 8)}`,
    address: (r) => `Keizersgracht ${r.int(1, 800)}, 10${digits(r, 2)} AB Amsterdam`,
  },
  {
    code: 'PL',
    weight: 2,
    language: 'en',
    names: 'pl',
    cities: ['Warszawa', 'Kraków', 'Wrocław'],
    phone: (r) => `+48 ${r.pick(['501', '602', '790'])} ${digits(r, 3)} ${digits(r, 3)}`,
    address: (r) => `ul. Marszałkowska ${r.int(1, 150)}, 00-${digits(r, 3)} Warszawa`,
  },
  {
    code: 'SE',
    weight: 1,
    language: 'en',
    names: 'sv',
    cities: ['Stockholm', 'Göteborg'],
    phone: (r) => `+46 70 ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`,
    address: (r) => `Drottninggatan ${r.int(1, 120)}, 111 ${digits(r, 2)} Stockholm`,
  },
  {
    code: 'IE',
    weight: 1,
    language: 'en',
    names: 'en',
    cities: ['Dublin', 'Cork'],
    phone: (r) => `+353 8${r.int(3, 9)} ${digits(r, 3)} ${digits(r, 4)}`,
    address: (r) => `${r.int(1, 90)} Grafton Street, Dublin 2, D02 ${r.chars('ACDEFHKNPRTVWXY', 1)}${digits(r, 3)}`,
  },
  {
    code: 'PT',
    weight: 1,
    language: 'pt',
    names: 'pt',
    cities: ['Lisboa', 'Porto'],
    phone: (r) => `+351 9${r.pick(['1', '2', '3', '6'])}${digits(r, 1)} ${digits(r, 3)} ${digits(r, 3)}`,
    address: (r) => `Rua Augusta ${r.int(1, 200)}, 1100-${digits(r, 3)} Lisboa`,
  },
  {
    code: 'AT',
    weight: 1,
    language: 'de',
    names: 'de',
    cities: ['Wien', 'Graz'],
    phone: (r) => `+43 664 ${digits(r, 7)}`,
    address: (r) => `Mariahilfer Straße ${r.int(1, 120)}, 1060 Wien`,
  },
  {
    code: 'BE',
    weight: 1,
    language: 'fr',
    names: 'fr',
    cities: ['Bruxelles', 'Liège'],
    phone: (r) => `+32 4${r.int(70, 99)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    address: (r) => `Rue Neuve ${r.int(1, 120)}, 1000 Bruxelles`,
  },
  {
    code: 'NO',
    weight: 1,
    language: 'en',
    names: 'no',
    cities: ['Oslo', 'Bergen'],
    phone: (r) => `+47 ${r.pick(['4', '9'])}${digits(r, 2)} ${digits(r, 2)} ${digits(r, 3)}`,
    address: (r) => `Karl Johans gate ${r.int(1, 40)}, 0${r.int(150, 199)} Oslo`,
  },
  {
    code: 'IS',
    weight: 0.3,
    language: 'en',
    names: 'no',
    cities: ['Reykjavík'],
    phone: (r) => `+354 ${r.pick(['6', '7', '8'])}${digits(r, 2)} ${digits(r, 4)}`,
    address: (r) => `Laugavegur ${r.int(1, 120)}, 101 Reykjavík`,
  },
  {
    code: 'LI',
    weight: 0.2,
    language: 'de',
    names: 'de',
    cities: ['Vaduz'],
    phone: (r) => `+423 ${r.pick(['660', '780'])} ${digits(r, 2)} ${digits(r, 2)}`,
    address: (r) => `Städtle ${r.int(1, 60)}, 9490 Vaduz`,
  },
  {
    code: 'CH',
    weight: 2,
    language: 'de',
    names: 'de',
    cities: ['Zürich', 'Genève', 'Basel'],
    phone: (r) => `+41 7${r.pick(['6', '8', '9'])} ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`,
    address: (r) => `Bahnhofstrasse ${r.int(1, 120)}, 8001 Zürich`,
  },
  {
    code: 'CA',
    weight: 4,
    language: 'en',
    names: 'en',
    cities: ['Toronto', 'Vancouver', 'Montréal'],
    subdivisions: ['CA-ON', 'CA-BC', 'CA-QC'],
    phone: (r) => `(${r.pick(['416', '604', '514'])}) ${nz(r)}${digits(r, 2)}-${digits(r, 4)}`,
    address: (r) =>
      `${r.int(10, 900)} King Street West, Toronto, ON M5H ${r.int(1, 9)}${r.chars('ABCEGHJKLMNPRSTVXY', 1)}${r.int(1, 9)}`,
  },
  {
    code: 'JP',
    weight: 3,
    language: 'en',
    names: 'ja',
    cities: ['Tokyo', 'Osaka', 'Kyoto'],
    phone: (r) => r.pick([`03-${digits(r, 4)}-${digits(r, 4)}`, `+81 90-${digits(r, 4)}-${digits(r, 4)}`]),
    address: (r) => `${r.int(1, 9)}-${r.int(1, 20)}-${r.int(1, 30)} Shibuya, Tokyo 150-00${digits(r, 2)}`,
  },
  {
    code: 'NG',
    weight: 3,
    language: 'en',
    names: 'ng',
    cities: ['Lagos', 'Abuja', 'Ibadan'],
    phone: (r) =>
      r.pick([
        `0803 ${digits(r, 3)} ${digits(r, 4)}`,
        `+234 80${r.pick(['3', '5', '6'])} ${digits(r, 3)} ${digits(r, 4)}`,
      ]),
    address: (r) => `${r.int(1, 80)} Awolowo Road, Ikoyi, Lagos`,
  },
  {
    code: 'MX',
    weight: 2,
    language: 'es',
    names: 'es',
    cities: ['Ciudad de México', 'Guadalajara'],
    phone: (r) => `+52 55 ${digits(r, 4)} ${digits(r, 4)}`,
    address: (r) => `Avenida Reforma ${r.int(10, 500)}, 06600 Ciudad de México`,
  },
  {
    code: 'AR',
    weight: 1,
    language: 'es',
    names: 'es',
    cities: ['Buenos Aires', 'Córdoba'],
    phone: (r) => `+54 9 11 ${digits(r, 4)}-${digits(r, 4)}`,
    address: (r) => `Avenida Corrientes ${r.int(100, 3000)}, C1043 Buenos Aires`,
  },
  {
    code: 'AU',
    weight: 2,
    language: 'en',
    names: 'en',
    cities: ['Sydney', 'Melbourne'],
    phone: (r) => `+61 4${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}`,
    address: (r) => `${r.int(1, 300)} George Street, Sydney NSW 2000`,
  },
  {
    code: 'ZA',
    weight: 1,
    language: 'en',
    names: 'en',
    cities: ['Cape Town', 'Johannesburg'],
    phone: (r) => `+27 8${r.int(2, 4)} ${digits(r, 3)} ${digits(r, 4)}`,
    address: (r) => `${r.int(1, 200)} Long Street, Cape Town, 8001`,
  },
  {
    code: 'KE',
    weight: 1,
    language: 'en',
    names: 'ke',
    cities: ['Nairobi', 'Mombasa'],
    phone: (r) => `+254 7${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}`,
    address: (r) => `Kenyatta Avenue ${r.int(1, 90)}, Nairobi`,
  },
  {
    code: 'SG',
    weight: 1,
    language: 'en',
    names: 'zh',
    cities: ['Singapore'],
    phone: (r) => `+65 ${r.pick(['8', '9'])}${digits(r, 3)} ${digits(r, 4)}`,
    address: (r) => `${r.int(1, 300)} Orchard Road, Singapore 238${digits(r, 3)}`,
  },
];

/** Given and family names per naming tradition; common names, written here for the demo. */
export const NAMES: Readonly<
  Record<string, { readonly given: readonly string[]; readonly family: readonly string[] }>
> = {
  en: {
    given: [
      'James',
      'Mary',
      'Olivia',
      'Liam',
      'Emma',
      'Noah',
      'Ava',
      'Ethan',
      'Sophia',
      'Lucas',
      'Grace',
      'Henry',
      'Chloe',
      'Owen',
      'Maya',
    ],
    family: [
      'Smith',
      'Johnson',
      'Williams',
      'Brown',
      'Taylor',
      'Anderson',
      'Thomas',
      'Moore',
      'Martin',
      'Clarke',
      'Walker',
      'Hughes',
      'Bennett',
      'Reid',
    ],
  },
  in: {
    given: [
      'Aarav',
      'Priya',
      'Rohan',
      'Ananya',
      'Vikram',
      'Kavya',
      'Arjun',
      'Divya',
      'Rahul',
      'Sneha',
      'Aditya',
      'Lakshmi',
    ],
    family: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Singh', 'Menon', 'Chatterjee', 'Rao', 'Kulkarni'],
  },
  pt: {
    given: ['João', 'Ana', 'Pedro', 'Beatriz', 'Lucas', 'Mariana', 'Gabriel', 'Larissa', 'Rafael', 'Camila', 'Thiago'],
    family: [
      'Silva',
      'Santos',
      'Oliveira',
      'Souza',
      'Pereira',
      'Costa',
      'Rodrigues',
      'Almeida',
      'Carvalho',
      'Ferreira',
    ],
  },
  de: {
    given: [
      'Lukas',
      'Anna',
      'Jonas',
      'Lea',
      'Felix',
      'Marie',
      'Maximilian',
      'Sophie',
      'Paul',
      'Hannah',
      'Jürgen',
      'Katrin',
    ],
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schäfer'],
  },
  fr: {
    given: ['Lucas', 'Camille', 'Hugo', 'Léa', 'Louis', 'Chloé', 'Jules', 'Manon', 'Théo', 'Inès', 'Élodie'],
    family: [
      'Martin',
      'Bernard',
      'Dubois',
      'Thomas',
      'Robert',
      'Richard',
      'Petit',
      'Durand',
      'Leroy',
      'Moreau',
      'Lefèvre',
    ],
  },
  es: {
    given: ['Alejandro', 'Lucía', 'Pablo', 'María', 'Javier', 'Carmen', 'Diego', 'Sofía', 'Álvaro', 'Paula', 'José'],
    family: [
      'García',
      'Fernández',
      'González',
      'Rodríguez',
      'López',
      'Martínez',
      'Sánchez',
      'Pérez',
      'Gómez',
      'Álvarez',
    ],
  },
  it: {
    given: ['Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara', 'Matteo'],
    family: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano'],
  },
  nl: {
    given: ['Daan', 'Emma', 'Sem', 'Julia', 'Lieke', 'Bram'],
    family: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser'],
  },
  pl: {
    given: ['Jakub', 'Zuzanna', 'Kacper', 'Julia', 'Szymon', 'Małgorzata'],
    family: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski'],
  },
  sv: {
    given: ['Erik', 'Astrid', 'Lars', 'Ingrid', 'Oskar', 'Freja'],
    family: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Lindqvist'],
  },
  no: {
    given: ['Magnus', 'Sigrid', 'Henrik', 'Solveig', 'Eirik', 'Guðrún'],
    family: ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Jónsdóttir', 'Berg'],
  },
  ja: {
    given: ['Haruto', 'Yui', 'Sota', 'Hina', 'Ren', 'Aoi', 'Takeshi', 'Yuki'],
    family: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura'],
  },
  ng: {
    given: ['Chinedu', 'Ngozi', 'Oluwaseun', 'Adaeze', 'Emeka', 'Funmilayo', 'Ibrahim', 'Aisha', 'Tunde'],
    family: ['Okafor', 'Adeyemi', 'Obi', 'Balogun', 'Eze', 'Okonkwo', 'Abubakar', 'Bello'],
  },
  ke: {
    given: ['Wanjiru', 'Kamau', 'Achieng', 'Otieno', 'Njeri', 'Kiprop'],
    family: ['Mwangi', 'Odhiambo', 'Kariuki', 'Wambui', 'Kipchoge', 'Omondi'],
  },
  zh: {
    given: ['Wei', 'Mei Ling', 'Jun Jie', 'Xin Yi', 'Hui Min', 'Zhi Hao'],
    family: ['Tan', 'Lim', 'Lee', 'Ng', 'Wong', 'Chen'],
  },
};

export const COMPANIES: readonly string[] = [
  'Northwind Analytics',
  'Globex Consulting',
  'Initech Systems',
  'Helios Energy',
  'Bluepeak Logistics',
  'Sarvam Fintech',
  'Vértice Engenharia',
  'Kranich Software GmbH',
  'Lumière Conseil',
  'Orbital Health',
];

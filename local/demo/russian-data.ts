/**
 * Russian names, companies, cities, ИНН and phones for the demo workbook.
 * All companies and people are invented.
 */
import type { SeededRandom } from './random';

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_1 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_2 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function control(digits: number[], weights: number[]): number {
  return (weights.reduce((acc, w, i) => acc + w * digits[i], 0) % 11) % 10;
}

/** Tax region codes of the cities below (first two digits of an ИНН). */
const REGIONS = ['77', '78', '50', '52', '16', '66', '69', '76', '33', '40', '71', '62'];

/** A random ИНН with valid control digits: 10 digits for a legal entity, 12 for a person or ИП. */
export function randomInn(rng: SeededRandom, length: 10 | 12): string {
  const body = rng.pick(REGIONS) + rng.digits(length === 10 ? 7 : 8);
  const d = body.split('').map(Number);
  if (length === 10) return body + String(control(d, INN10_WEIGHTS));
  const c1 = control(d, INN12_WEIGHTS_1);
  return body + String(c1) + String(control([...d, c1], INN12_WEIGHTS_2));
}

/** A Russian number in the +7XXXXXXXXXX form: mobile, or a city line. */
export function randomPhone(rng: SeededRandom): string {
  const code = rng.chance(0.7) ? '9' + rng.pick(['01', '03', '05', '09', '15', '16', '26', '77', '85', '99']) : '495';
  return '+7' + code + rng.digits(7);
}

export const CITIES = [
  'Москва',
  'Санкт-Петербург',
  'Нижний Новгород',
  'Казань',
  'Екатеринбург',
  'Тверь',
  'Ярославль',
  'Владимир',
  'Калуга',
  'Тула',
  'Рязань',
  'Подольск',
] as const;

interface Person {
  last: string;
  first: string;
  middle: string;
  /** Latin transliteration of the last name, for e-mail addresses */
  latin: string;
}

const MALE: Array<[string, string]> = [
  ['Соколов', 'sokolov'],
  ['Морозов', 'morozov'],
  ['Волков', 'volkov'],
  ['Лебедев', 'lebedev'],
  ['Егоров', 'egorov'],
  ['Павлов', 'pavlov'],
  ['Семёнов', 'semenov'],
  ['Голубев', 'golubev'],
  ['Виноградов', 'vinogradov'],
  ['Богданов', 'bogdanov'],
  ['Воробьёв', 'vorobev'],
  ['Фёдоров', 'fedorov'],
  ['Михайлов', 'mikhailov'],
  ['Беляев', 'belyaev'],
  ['Тарасов', 'tarasov'],
  ['Белов', 'belov'],
  ['Комаров', 'komarov'],
  ['Орлов', 'orlov'],
  ['Киселёв', 'kiselev'],
  ['Макаров', 'makarov'],
];
const MALE_FIRST = ['Алексей', 'Сергей', 'Андрей', 'Михаил', 'Николай', 'Игорь', 'Олег', 'Владимир', 'Павел', 'Юрий'];
const MALE_MIDDLE = ['Викторович', 'Петрович', 'Иванович', 'Сергеевич', 'Андреевич', 'Олегович', 'Юрьевич'];
const FEMALE_FIRST = ['Ольга', 'Татьяна', 'Наталья', 'Ирина', 'Светлана', 'Марина', 'Юлия', 'Екатерина', 'Галина'];
const FEMALE_MIDDLE = ['Викторовна', 'Петровна', 'Ивановна', 'Сергеевна', 'Андреевна', 'Олеговна', 'Юрьевна'];

/** A random full name (male or female forms agree). */
export function randomPerson(rng: SeededRandom): Person {
  const [last, latin] = rng.pick(MALE);
  if (rng.chance(0.5)) {
    return { last, first: rng.pick(MALE_FIRST), middle: rng.pick(MALE_MIDDLE), latin };
  }
  return { last: last + 'а', first: rng.pick(FEMALE_FIRST), middle: rng.pick(FEMALE_MIDDLE), latin: latin + 'a' };
}

export function fullName(p: Person): string {
  return `${p.last} ${p.first} ${p.middle}`;
}

const STEMS: Array<[string, string]> = [
  ['СтройИнвест', 'stroyinvest'],
  ['ТеплоДом', 'teplodom'],
  ['Северная звезда', 'sevzvezda'],
  ['Уютный край', 'uyutkray'],
  ['ГорСтрой', 'gorstroy'],
  ['Вектор', 'vektor'],
  ['Альфа-Монтаж', 'alfamontazh'],
  ['ДомСервис', 'domservis'],
  ['Фасад-Плюс', 'fasadplus'],
  ['Энергия', 'energiya'],
  ['Стройресурс', 'stroyresurs'],
  ['Лесная поляна', 'lespolyana'],
  ['Меридиан', 'meridian'],
  ['КоттеджСтрой', 'kottedzhstroy'],
  ['Русский дом', 'rusdom'],
  ['Гарант', 'garant'],
  ['Новый квартал', 'novkvartal'],
  ['ТехноПарк', 'tekhnopark'],
  ['Ока-Строй', 'okastroy'],
  ['Волга-Девелопмент', 'volgadev'],
  ['Агрокомплекс', 'agrokompleks'],
  ['Школьный двор', 'shkdvor'],
  ['Теплый угол', 'teplugol'],
  ['СК Основа', 'osnova'],
  ['Промвектор', 'promvektor'],
  ['Магистраль', 'magistral'],
  ['Горизонт', 'gorizont'],
  ['Ремстройсервис', 'remstroy'],
  ['Бастион', 'bastion'],
  ['Кедр', 'kedr'],
];
const FORMS = ['ООО', 'ООО', 'ООО', 'АО', 'ЗАО'];

/** A company name such as «ООО «ТеплоДом-3»» and a domain for its e-mail, unique by the counter. */
export function companyName(rng: SeededRandom, n: number): { name: string; domain: string } {
  const [stem, latin] = STEMS[n % STEMS.length];
  const round = Math.floor(n / STEMS.length);
  const suffix = round === 0 ? '' : `-${round + 1}`;
  return { name: `${rng.pick(FORMS)} «${stem}${suffix}»`, domain: `${latin}${round === 0 ? '' : round + 1}.ru` };
}

/** What a client of electric heating or facade panels needs, by direction. */
export const NEEDS: Record<string, readonly string[]> = {
  Электрообогрев: [
    'Электрическое отопление коттеджа 180 м²',
    'Тёплый пол в офисе',
    'Обогрев склада, 600 м²',
    'Антиобледенение кровли и водостоков',
    'Замена газового котла на электроотопление',
    'Обогрев торгового зала',
  ],
  ПОЛИФАСАД: [
    'Утепление фасада жилого дома',
    'Термопанели ПОЛИФАСАД для школы',
    'Облицовка и утепление административного здания',
    'Утепление частного дома 150 м²',
    'Реконструкция фасада магазина',
  ],
  'Электрообогрев и ПОЛИФАСАД': [
    'Комплексное утепление и электроотопление коттеджа',
    'Энергоэффективная реконструкция офиса',
    'Утепление и обогрев производственного цеха',
  ],
};

export const RELIABILITY_BASIS: Record<string, readonly string[]> = {
  Высокая: ['Выписка ЕГРЮЛ, 10 лет на рынке, без долгов', 'Положительная история оплат', 'Отчётность без убытков'],
  Средняя: ['Компания 3 года на рынке, отчётность без замечаний', 'Рекомендация партнёра, отчётность не запрошена'],
  Низкая: ['Арбитражные дела по долгам', 'Компания создана менее года назад', 'Просрочки оплат у поставщиков'],
};

export const DISAGREEMENTS = [
  'Срок поставки: клиент просит 2 недели вместо 4',
  'Отсрочка платежа 30 дней',
  'Гарантия 5 лет вместо 3',
  'Монтаж за наш счёт',
];

export const CONTACT_RESULTS: Record<string, readonly string[]> = {
  Новый: ['Первый звонок, интерес есть', 'Отправлен каталог', 'Знакомство на выставке'],
  'Потребность выявлена': ['Обсудили объект и площадь', 'Получены планы здания', 'Выезд на объект'],
  'Надёжность оценена': ['Запрошены документы', 'Проверка контрагента выполнена'],
  Переговоры: ['Предварительные переговоры', 'Обсудили бюджет и сроки'],
  'КП отправлено': ['Отправлено коммерческое предложение', 'КП обсудили по телефону'],
  'Согласование договора': ['Встреча, согласование проекта договора', 'Протокол разногласий'],
  'Договор заключён': ['Договор подписан'],
  Исполнение: ['Согласован график поставки', 'Монтаж начат'],
  Завершена: ['Акт подписан, оплата получена'],
  Отказ: ['Клиент отказался'],
};

export const CLAIM_SUBJECTS = [
  'Задержка поставки панелей',
  'Повреждена упаковка, скол на двух панелях',
  'Терморегулятор не держит температуру',
  'Не хватило крепежа при монтаже',
  'Несоответствие цвета панелей образцу',
  'Просьба продлить гарантию',
  'Шум в нагревательном кабеле',
];

export const COMPETITORS = [
  {
    name: 'ТермоФасад',
    products: 'Фасадные термопанели с клинкером',
    prices: 'На 10–15 % ниже наших',
    terms: 'Отсрочка 30 дней, бесплатная доставка от 500 тыс. руб.',
    strong: 'Низкая цена, большой склад',
    weak: 'Тонкий утеплитель, гарантия 3 года',
  },
  {
    name: 'ЭлектроТепло-Сервис',
    products: 'Конвекторы, тёплые полы',
    prices: 'Сопоставимы с нашими',
    terms: 'Монтаж в подарок',
    strong: 'Свои монтажные бригады',
    weak: 'Нет проектного отдела',
  },
  {
    name: 'Фасадные системы',
    products: 'Вентилируемые фасады, утеплитель',
    prices: 'На 20 % выше',
    terms: 'Проект бесплатно',
    strong: 'Известный бренд',
    weak: 'Долгие сроки, от 6 недель',
  },
  {
    name: 'Тёплый дом Центр',
    products: 'Электрокотлы, инфракрасные обогреватели',
    prices: 'На 5 % ниже',
    terms: 'Рассрочка для частных клиентов',
    strong: 'Розничная сеть',
    weak: 'Слабая работа с юрлицами',
  },
  {
    name: 'ПанельСтрой',
    products: 'Сэндвич-панели, фасадные панели',
    prices: 'Ниже на крупных объёмах',
    terms: 'Скидки от объёма до 12 %',
    strong: 'Производство рядом с Москвой',
    weak: 'Мало готовых цветов',
  },
];

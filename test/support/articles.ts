import type { Article, Quote } from '../../src/domain.js';

/** The one builder of hand-made articles in tests: defaults for every field but id and text. */
export function makeArticle(id: string, text: string, overrides: Partial<Article> = {}): Article {
  return {
    id,
    source: id.split('#')[0] ?? id,
    title: `Title of ${id}`,
    authors: ['Test Author'],
    date: '2020-01-01',
    publisher: null,
    url: null,
    language: 'en',
    republishedIn: null,
    text,
    ...overrides,
  };
}

/** A quote of `article.text.slice(start, end)`, attributed as the engine attributes it. */
export function quoteOf(article: Article, start: number, end: number, overrides: Partial<Quote> = {}): Quote {
  return {
    text: article.text.slice(start, end),
    articleId: article.id,
    source: article.source,
    title: article.title,
    authors: article.authors,
    date: article.date,
    start,
    end,
    score: 0.5,
    quotedFrom: null,
    ...overrides,
  };
}

/** Small hand-written articles for the answer engine tests: two languages, several authors. */

export const AIR_STRIKE = makeArticle('strike.txt#0', [
  'A US air strike early Monday killed dozens of civilians near the Euphrates River town of Mayadin in eastern Syria.',
  'The US bombs struck a prison run by the Islamic State where civilians deemed opponents of the group were being held. The local activists put the civilian death toll at 70.',
  'A spokesman for the US military admitted that American warplanes had conducted airstrikes in the area. He insisted that the attack had been meticulously planned.',
  'In reality, the US air war in both Iraq and Syria has become ever bloodier, claiming record numbers of civilian lives as Washington escalates its intervention in the Middle East.',
  'The bombing of Raqqa has reduced much of the city to rubble. Hospitals, schools and bakeries have been hit by coalition bombs, and thousands of families have fled the city.',
].join('\n\n'), {
  title: 'US air strike kills scores of civilians in Syria',
  authors: ['Bill Van Auken'],
  date: '2017-06-28',
  language: 'en',
});

export const AIRWARS = makeArticle('airwars.txt#0', [
  'Airwars, a monitoring group, tracks reports of civilian deaths resulting from air strikes by the US-led coalition in Iraq and Syria.',
  'The group estimates that coalition air strikes have killed more than 4,000 civilians, ten times the number the Pentagon admits.',
  'Families in Mosul described whole buildings collapsing on civilians after the bombing. Rescue workers pulled bodies from the rubble for weeks.',
  'The monitors say the rules of engagement were loosened, so that more civilians are killed in each strike.',
].join('\n\n'), {
  title: 'Monitors count the civilian dead of the coalition air war',
  authors: ['Jane Doe'],
  date: '2018-01-15',
  language: 'en',
});

export const OIL = makeArticle('oil.txt#0', [
  'A sizeable Russian military convoy is heading for the east of Deir Ezzor governorate in the north-east of Syria.',
  'US troops occupy one third of Syrian territory, including the oil fields east of the Euphrates. The theft of oil and wheat deprives Syrians of the resources they need to rebuild.',
  'Tribal leaders in the region have called on the American forces to leave. Protests against the occupation have spread through the villages along the river.',
  'Washington claims its troops remain to fight the Islamic State, but the bases guard the oil and gas fields.',
].join('\n\n'), {
  title: 'Pressure mounts against US occupation of northeast Syria',
  authors: ['Vanessa Beeley'],
  date: '2023-06-03',
  language: 'en',
});

export const DUTCH_BLOG = makeArticle('blog.txt#0', [
  'De VS, illegaal aanwezig op Syrisch grondgebied, heeft Syrische strijdgroepen aangevallen nabij Khusham, ten oosten van de rivier de Eufraat.',
  'Bij de bombardementen zijn volgens de VS meer dan 100 strijders gedood. Het is een oorlogsmisdaad van enorme proporties.',
  'De VS is maar voor één zaak aanwezig in het Midden-Oosten: olie en gas. Syrië heeft het recht om haar eigen grondgebied te beheren.',
].join('\n\n'), {
  title: 'VS coalitie valt Syrische troepen aan',
  authors: ['Willem Dekker'],
  date: '2018-02-08',
  language: 'nl',
});

/** A republished piece inside the blog post: its own author, not the blogger. */
export const REPUBLISHED = makeArticle('blog.txt#1', [
  'Iran fired six ballistic missiles from the province of Kermanshah at militants in eastern Syria, in retaliation for an attack on a military parade.',
  'The missiles flew over Iraqi territory and struck three miles from where US troops are based. Drones followed the missile strikes.',
].join('\n\n'), {
  title: 'Iran fires missiles at rebels in Syria',
  authors: ['Émile Zoë Laurent'],
  date: '2018-10-02',
  language: 'en',
  republishedIn: 'blog.txt#0',
});

export const ARTICLES: readonly Article[] = [AIR_STRIKE, AIRWARS, OIL, DUTCH_BLOG, REPUBLISHED];

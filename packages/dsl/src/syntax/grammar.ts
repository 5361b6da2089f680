/**
 * The grammar (a chevrotain CST parser with error recovery). `build-ast.ts` turns its concrete
 * syntax tree into the AST; nothing else looks at CST nodes.
 *
 * Clauses are introduced by keywords, so no separators are needed between them; an expression
 * ends where the next token cannot continue it.
 */
import { CstParser, type IToken } from 'chevrotain';
import { errorMessageProvider } from './token-names';
import * as T from './tokens';

const k = T.kw;

export class SuanGrammar extends CstParser {
  /**
   * `validate`: check the grammar for ambiguities (slow, so only the grammar test does it).
   * Two tokens of lookahead decide every choice (the validation fails with one); each more token
   * would only make chevrotain's analysis at start-up slower (3 cost 40 ms more) and put some
   * syntax errors a token too early.
   */
  constructor(validate = false) {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 2, nodeLocationTracking: 'onlyOffset', errorMessageProvider, skipValidations: !validate });
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.OPTION(() => this.SUBRULE(this.header));
    // A plain name at the top level is not an item (only the soft keyword `scorecard` is): the
    // gate keeps a stray name a "expected end of file" error, as it was before scorecards.
    this.MANY({ GATE: () => this.LA(1).tokenType !== T.Identifier || this.LA(1).image === 'scorecard', DEF: () => this.SUBRULE(this.item) });
  });

  /** Whether the next token (or the k-th) is the name `word`: a soft keyword in this position. */
  private isWord(word: string, k = 1): () => boolean {
    return () => {
      const t = this.LA(k);
      return t.tokenType === T.Identifier && t.image === word;
    };
  }

  /** Consumes the soft keyword `word` (a name spelled so), reporting "expected `word`" otherwise. */
  private word(idx: number, word: string): void {
    this.or(idx, {
      ERR_MSG: JSON.stringify({ expected: [`Soft_${word}`] }),
      DEF: [{ GATE: this.isWord(word), ALT: () => this.consume(idx, T.Identifier, { LABEL: 'kw' }) }],
    });
  }

  name = this.RULE('name', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.QuotedIdentifier) }]);
  });

  /** A column or member name: any keyword may serve (`r.total`, a column named `code`). */
  memberName = this.RULE('memberName', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.QuotedIdentifier) },
      { ALT: () => this.CONSUME(T.AnyKeyword) },
    ]);
  });

  /**
   * A declared name (table, hierarchy, level, rule id, let, for): any keyword is accepted here so
   * `table rule {…}` parses, and build-ast.ts reports that it must be written in backticks.
   */
  declName = this.RULE('declName', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.QuotedIdentifier) },
      { ALT: () => this.CONSUME(T.AnyKeyword) },
    ]);
  });

  dottedName = this.RULE('dottedName', () => {
    this.SUBRULE(this.memberName);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.SUBRULE2(this.memberName);
    });
  });

  text = this.RULE('text', () => {
    this.CONSUME(T.StringLiteral);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(k('en')) }, { ALT: () => this.CONSUME(k('zh')) }]);
      this.CONSUME2(T.StringLiteral);
    });
  });

  header = this.RULE('header', () => {
    this.CONSUME(k('ruleset'));
    this.OR([{ ALT: () => this.SUBRULE(this.dottedName) }, { ALT: () => this.CONSUME(T.StringLiteral) }]);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.headerField));
    this.CONSUME(T.RBrace);
  });

  headerField = this.RULE('headerField', () => {
    this.OR([
      { ALT: () => { this.CONSUME(k('title')); this.SUBRULE(this.text); } },
      { ALT: () => { this.CONSUME(k('issuer')); this.SUBRULE2(this.text); } },
      { ALT: () => { this.CONSUME(k('description')); this.SUBRULE3(this.text); } },
      { ALT: () => { this.CONSUME(k('version')); this.CONSUME(T.StringLiteral); } },
      { ALT: () => { this.CONSUME(k('licence')); this.CONSUME2(T.StringLiteral); } },
      {
        ALT: () => {
          this.CONSUME(k('kind'));
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.name) });
        },
      },
      {
        ALT: () => {
          this.CONSUME(k('years'));
          this.CONSUME(T.NumberLiteral);
          this.OPTION(() => { this.CONSUME(k('to')); this.CONSUME2(T.NumberLiteral); });
        },
      },
    ]);
  });

  item = this.RULE('item', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.extendsDecl) },
      { ALT: () => this.SUBRULE(this.hierarchyDecl) },
      { ALT: () => this.SUBRULE(this.tableDecl) },
      { ALT: () => this.SUBRULE(this.factDecl) },
      { ALT: () => this.SUBRULE(this.factsDecl) },
      { ALT: () => this.SUBRULE(this.ruleDecl) },
      { ALT: () => this.SUBRULE(this.constLet) },
      { ALT: () => this.SUBRULE(this.precisionDecl) },
      { GATE: this.isWord('scorecard'), ALT: () => this.SUBRULE(this.scorecardDecl) },
    ]);
  });

  importDecl = this.RULE('importDecl', () => {
    this.CONSUME(k('import'));
    this.CONSUME(T.StringLiteral);
  });

  extendsDecl = this.RULE('extendsDecl', () => {
    this.CONSUME(k('extends'));
    this.CONSUME(T.StringLiteral);
    this.OPTION(() => {
      this.CONSUME(T.LBrace);
      this.MANY(() => this.SUBRULE(this.override));
      this.CONSUME(T.RBrace);
    });
  });

  override = this.RULE('override', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(k('override'));
          this.SUBRULE(this.name);
          this.MANY(() => {
            this.OR2([
              { ALT: () => { this.CONSUME(k('severity')); this.SUBRULE(this.severityValue); } },
              { ALT: () => { this.CONSUME(k('tolerance')); this.SUBRULE(this.expression); } },
            ]);
          });
        },
      },
      { ALT: () => { this.CONSUME(k('disable')); this.SUBRULE2(this.name); } },
    ]);
  });

  severityValue = this.RULE('severityValue', () => {
    this.OR([
      { ALT: () => this.CONSUME(k('error')) },
      { ALT: () => this.CONSUME(k('warning')) },
      { ALT: () => this.CONSUME(k('info')) },
    ]);
  });

  hierarchyDecl = this.RULE('hierarchyDecl', () => {
    this.CONSUME(k('hierarchy'));
    this.SUBRULE(this.declName);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(k('doc')); this.SUBRULE(this.text); } },
        { ALT: () => this.SUBRULE(this.levelDecl) },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  levelDecl = this.RULE('levelDecl', () => {
    this.SUBRULE(this.declName);
    this.OPTION(() => this.CONSUME(T.Colon));
    this.CONSUME(T.NumberLiteral);
    this.OPTION2(() => this.CONSUME(T.Comma));
  });

  tableDecl = this.RULE('tableDecl', () => {
    this.CONSUME(k('table'));
    this.SUBRULE(this.declName);
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(k('title')); this.SUBRULE(this.text); } },
        { ALT: () => { this.CONSUME(k('doc')); this.SUBRULE2(this.text); } },
        { ALT: () => { this.CONSUME(k('unit')); this.CONSUME(T.MoneyUnit); } },
        { ALT: () => { this.CONSUME(k('key')); this.SUBRULE(this.columnDecl); } },
        { ALT: () => this.SUBRULE2(this.columnDecl) },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  columnDecl = this.RULE('columnDecl', () => {
    this.SUBRULE(this.memberName);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  typeRef = this.RULE('typeRef', () => {
    this.OR([
      { ALT: () => { this.CONSUME(k('money')); this.OPTION(() => this.CONSUME(T.MoneyUnit)); } },
      { ALT: () => this.CONSUME(k('percent')) },
      { ALT: () => this.CONSUME(k('count')) },
      { ALT: () => this.CONSUME(k('number')) },
      { ALT: () => this.CONSUME(k('text')) },
      {
        // `code 功能分类`: the name is the hierarchy unless it starts the next column (`名称:`).
        ALT: () => {
          this.CONSUME(k('code'));
          this.OPTION2({ GATE: () => this.LA(2).tokenType !== T.Colon, DEF: () => this.SUBRULE(this.name) });
        },
      },
      { ALT: () => this.CONSUME(k('date')) },
      { ALT: () => this.CONSUME(k('bool')) },
    ]);
    // `precision 0.01` belongs to the type; `precision facts …` on the next line is a declaration of its own.
    this.OPTION3({
      GATE: () => this.LA(2).tokenType === T.NumberLiteral || this.LA(2).tokenType === T.PercentLiteral,
      DEF: () => {
        this.CONSUME(k('precision'));
        this.OR2([{ ALT: () => this.CONSUME(T.NumberLiteral) }, { ALT: () => this.CONSUME(T.PercentLiteral) }]);
      },
    });
  });

  factDecl = this.RULE('factDecl', () => {
    this.CONSUME(k('fact'));
    this.SUBRULE(this.factBody);
  });

  factBody = this.RULE('factBody', () => {
    this.SUBRULE(this.dottedName);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.OPTION(() => { this.CONSUME(k('doc')); this.SUBRULE(this.text); });
    this.OPTION2(() => this.CONSUME(T.Comma));
  });

  factsDecl = this.RULE('factsDecl', () => {
    this.CONSUME(k('facts'));
    this.SUBRULE(this.dottedName);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.factBody));
    this.CONSUME(T.RBrace);
  });

  precisionDecl = this.RULE('precisionDecl', () => {
    this.CONSUME(k('precision'));
    this.OR([{ ALT: () => this.CONSUME(k('facts')) }, { ALT: () => this.CONSUME(k('table')) }]);
    this.OR2([
      { ALT: () => { this.CONSUME(T.NumberLiteral); this.OPTION(() => this.CONSUME(T.MoneyUnit)); } },
      { ALT: () => this.CONSUME(T.PercentLiteral) },
    ]);
  });

  constLet = this.RULE('constLet', () => {
    this.CONSUME(k('let'));
    this.SUBRULE(this.declName);
    this.CONSUME(T.Equal);
    this.SUBRULE(this.expression);
  });

  ruleDecl = this.RULE('ruleDecl', () => {
    this.CONSUME(k('rule'));
    this.SUBRULE(this.declName);
    this.OPTION(() => this.SUBRULE(this.text));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.ruleClause));
    this.CONSUME(T.RBrace);
  });

  ruleClause = this.RULE('ruleClause', () => {
    this.OR([
      { ALT: () => { this.CONSUME(k('severity')); this.SUBRULE(this.severityValue); } },
      { ALT: () => { this.CONSUME(k('tolerance')); this.SUBRULE(this.expression); } },
      { ALT: () => { this.CONSUME(k('doc')); this.SUBRULE(this.text); } },
      { ALT: () => { this.CONSUME(k('title')); this.SUBRULE2(this.text); } },
      { ALT: () => { this.CONSUME(k('when')); this.SUBRULE2(this.expression); } },
      { ALT: () => { this.CONSUME(k('message')); this.SUBRULE3(this.text); } },
      { ALT: () => { this.CONSUME(k('assert')); this.SUBRULE3(this.expression); } },
      { ALT: () => this.SUBRULE(this.forStep) },
      { ALT: () => this.SUBRULE(this.letStep) },
      { ALT: () => this.SUBRULE(this.rollup) },
    ]);
  });

  forStep = this.RULE('forStep', () => {
    this.CONSUME(k('for'));
    this.SUBRULE(this.name);
    this.CONSUME(k('in'));
    this.SUBRULE(this.expression);
    this.OPTION(() => { this.CONSUME(k('where')); this.SUBRULE2(this.expression); });
  });

  letStep = this.RULE('letStep', () => {
    this.CONSUME(k('let'));
    this.SUBRULE(this.declName);
    this.CONSUME(T.Equal);
    this.SUBRULE(this.expression);
  });

  rollup = this.RULE('rollup', () => {
    this.CONSUME(k('rollup'));
    this.SUBRULE(this.name);
    this.OPTION(() => { this.CONSUME(k('by')); this.SUBRULE2(this.name); });
    this.CONSUME(k('columns'));
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.memberName) });
    this.OPTION2(() => { this.CONSUME(k('total')); this.CONSUME(T.StringLiteral); });
    this.OPTION3(() => { this.CONSUME(k('within')); this.SUBRULE(this.expression); });
  });

  // ── Scorecards ──────────────────────────────────────────────────────────────────────────
  // Clause words are soft keywords: names the lexer reads as identifiers, recognised here by a
  // gate on their spelling, so `round(x, 2)`, `{actual}` and a column named `weight` stay names.

  scorecardDecl = this.RULE('scorecardDecl', () => {
    this.word(1, 'scorecard');
    this.SUBRULE(this.name);
    this.OPTION(() => this.SUBRULE(this.text));
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.scorecardClause));
    this.CONSUME(T.RBrace);
  });

  scorecardClause = this.RULE('scorecardClause', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      ERR_MSG: JSON.stringify({ expected: ['Kw_table', 'Soft_indicator', 'Soft_weight', 'Soft_score', 'Soft_reported', 'Soft_grade', 'Kw_total', 'Soft_round', 'Kw_tolerance'] }),
      DEF: [
        { ALT: () => { this.CONSUME(k('doc')); this.SUBRULE(this.text); } },
        { ALT: () => { this.CONSUME(k('title')); this.SUBRULE2(this.text); } },
        { ALT: () => { this.CONSUME(k('severity')); this.SUBRULE(this.severityValue); } },
        { ALT: () => { this.CONSUME(k('tolerance')); this.subrule(1, this.expression, { LABEL: 'tolerance' }); } },
        { ALT: () => { this.CONSUME(k('table')); this.SUBRULE(this.name); } },
        { ALT: () => { this.CONSUME(k('where')); this.subrule(2, this.expression, { LABEL: 'where' }); } },
        { ALT: () => { this.CONSUME(k('total')); this.subrule(3, this.expression, { LABEL: 'total' }); } },
        { GATE: this.isWord('indicator'), ALT: () => { this.consume(1, T.Identifier, { LABEL: 'kw' }); this.subrule(1, this.memberName, { LABEL: 'indicator' }); } },
        {
          GATE: this.isWord('levels'),
          ALT: () => {
            this.consume(2, T.Identifier, { LABEL: 'kw' });
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.subrule(2, this.memberName, { LABEL: 'levels' }) });
          },
        },
        { GATE: this.isWord('weight'), ALT: () => { this.consume(3, T.Identifier, { LABEL: 'kw' }); this.subrule(3, this.memberName, { LABEL: 'weight' }); } },
        { GATE: this.isWord('target'), ALT: () => { this.consume(4, T.Identifier, { LABEL: 'kw' }); this.subrule(4, this.memberName, { LABEL: 'target' }); } },
        { GATE: this.isWord('actual'), ALT: () => { this.consume(5, T.Identifier, { LABEL: 'kw' }); this.subrule(5, this.memberName, { LABEL: 'actual' }); } },
        { GATE: this.isWord('reported'), ALT: () => this.SUBRULE(this.reportedClause) },
        { GATE: this.isWord('round'), ALT: () => this.SUBRULE(this.roundSpec) },
        { GATE: this.isWord('grade'), ALT: () => this.SUBRULE(this.gradeClause) },
        { GATE: this.isWord('score'), ALT: () => this.SUBRULE(this.scoreEntry) },
        { GATE: this.isWord('extra'), ALT: () => this.SUBRULE(this.extraEntry) },
      ],
    });
  });

  /** `reported 自评得分` (a column), `reported total <expr>`, `reported grade <expr>`. */
  reportedClause = this.RULE('reportedClause', () => {
    this.word(1, 'reported');
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => { this.CONSUME(k('total')); this.subrule(1, this.expression, { LABEL: 'total' }); } },
        { GATE: this.isWord('grade'), ALT: () => { this.consume(2, T.Identifier, { LABEL: 'kw' }); this.subrule(2, this.expression, { LABEL: 'grade' }); } },
        { ALT: () => this.SUBRULE(this.memberName) },
      ],
    });
  });

  /** `round 2` or `round 2 "half-even"`. */
  roundSpec = this.RULE('roundSpec', () => {
    this.word(1, 'round');
    this.CONSUME(T.NumberLiteral);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
  });

  gradeClause = this.RULE('gradeClause', () => {
    this.word(1, 'grade');
    this.SUBRULE(this.gradeEntry);
    this.MANY(() => { this.CONSUME(T.Comma); this.SUBRULE2(this.gradeEntry); });
  });

  gradeEntry = this.RULE('gradeEntry', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.name) }, { ALT: () => this.CONSUME(T.StringLiteral) }]);
    this.SUBRULE(this.bandCondition);
  });

  /** `>= a`, `> a`, `<= b`, `< b`, `else`, `a to b`. */
  bandCondition = this.RULE('bandCondition', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.GreaterEqual); this.subrule(1, this.expression, { LABEL: 'a' }); } },
      { ALT: () => { this.CONSUME(T.Greater); this.subrule(2, this.expression, { LABEL: 'a' }); } },
      { ALT: () => { this.CONSUME(T.LessEqual); this.subrule(3, this.expression, { LABEL: 'b' }); } },
      { ALT: () => { this.CONSUME(T.Less); this.subrule(4, this.expression, { LABEL: 'b' }); } },
      { ALT: () => this.CONSUME(k('else')) },
      { ALT: () => { this.subrule(5, this.expression, { LABEL: 'a' }); this.CONSUME(k('to')); this.subrule(6, this.expression, { LABEL: 'b' }); } },
    ]);
  });

  /** A band's score: `5`, `80%`, `80% to 100%`. */
  bandValue = this.RULE('bandValue', () => {
    this.subrule(1, this.expression, { LABEL: 'lo' });
    this.OPTION(() => { this.CONSUME(k('to')); this.subrule(2, this.expression, { LABEL: 'hi' }); });
  });

  scoreEntry = this.RULE('scoreEntry', () => {
    this.word(1, 'score');
    this.OR([
      { ALT: () => this.CONSUME(k('else')) },
      { ALT: () => this.SUBRULE(this.name) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
    ]);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.method);
  });

  extraEntry = this.RULE('extraEntry', () => {
    this.word(1, 'extra');
    this.OR([{ ALT: () => this.SUBRULE(this.name) }, { ALT: () => this.CONSUME(T.StringLiteral) }]);
    this.MANY(() => {
      this.OR2({
        IGNORE_AMBIGUITIES: true,
        ERR_MSG: JSON.stringify({ expected: ['Soft_weight', 'Soft_reported', 'Soft_target', 'Soft_actual', 'Colon'] }),
        DEF: [
          { GATE: this.isWord('weight'), ALT: () => { this.consume(2, T.Identifier, { LABEL: 'kw' }); this.subrule(1, this.expression, { LABEL: 'weight' }); } },
          { GATE: this.isWord('reported'), ALT: () => { this.consume(3, T.Identifier, { LABEL: 'kw' }); this.subrule(2, this.expression, { LABEL: 'reported' }); } },
          { GATE: this.isWord('target'), ALT: () => { this.consume(4, T.Identifier, { LABEL: 'kw' }); this.subrule(3, this.expression, { LABEL: 'target' }); } },
          { GATE: this.isWord('actual'), ALT: () => { this.consume(5, T.Identifier, { LABEL: 'kw' }); this.subrule(4, this.expression, { LABEL: 'actual' }); } },
        ],
      });
    });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.method);
  });

  method = this.RULE('method', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: this.isWord('full'), ALT: () => this.SUBRULE(this.fullMethod) },
        { GATE: this.isWord('proportional'), ALT: () => this.SUBRULE(this.proportionalMethod) },
        { GATE: this.isWord('threshold'), ALT: () => this.SUBRULE(this.thresholdMethod) },
        { GATE: this.isWord('execution'), ALT: () => this.SUBRULE(this.executionMethod) },
        { GATE: this.isWord('deduct'), ALT: () => this.SUBRULE(this.deductMethod) },
        { GATE: this.isWord('bands'), ALT: () => this.SUBRULE(this.bandsMethod) },
        { GATE: this.isWord('qualitative'), ALT: () => this.SUBRULE(this.qualitativeMethod) },
        { GATE: this.isWord('auto'), ALT: () => this.consume(1, T.Identifier, { LABEL: 'auto' }) },
        { GATE: this.isWord('parts'), ALT: () => this.SUBRULE(this.partsMethod) },
        { ALT: () => this.SUBRULE(this.expression) },
      ],
    });
    this.OPTION({ GATE: this.isWord('round'), DEF: () => this.SUBRULE(this.roundSpec) });
  });

  fullMethod = this.RULE('fullMethod', () => {
    this.word(1, 'full');
    this.OPTION(() => { this.CONSUME(k('if')); this.subrule(1, this.expression, { LABEL: 'cond' }); });
  });

  proportionalMethod = this.RULE('proportionalMethod', () => {
    this.word(1, 'proportional');
    this.OPTION({
      GATE: this.isWord('of'),
      DEF: () => {
        this.word(2, 'of');
        this.subrule(1, this.expression, { LABEL: 'of' });
        this.OPTION2(() => { this.CONSUME(k('to')); this.subrule(2, this.expression, { LABEL: 'to' }); });
      },
    });
  });

  thresholdMethod = this.RULE('thresholdMethod', () => {
    this.word(1, 'threshold');
    this.OPTION({ GATE: this.isWord('of'), DEF: () => { this.word(2, 'of'); this.subrule(1, this.expression, { LABEL: 'of' }); } });
  });

  executionMethod = this.RULE('executionMethod', () => {
    this.word(1, 'execution');
    this.word(2, 'of');
    this.subrule(1, this.expression, { LABEL: 'of' });
  });

  /** `deduct 0.5 per 5% below 100% of actual steps floor`. */
  deductMethod = this.RULE('deductMethod', () => {
    this.word(1, 'deduct');
    this.subrule(1, this.expression, { LABEL: 'points' });
    this.word(2, 'per');
    this.subrule(2, this.expression, { LABEL: 'step' });
    this.or(3, {
      ERR_MSG: JSON.stringify({ expected: ['Soft_below', 'Soft_above'] }),
      DEF: [
        { GATE: this.isWord('below'), ALT: () => this.consume(3, T.Identifier, { LABEL: 'below' }) },
        { GATE: this.isWord('above'), ALT: () => this.consume(4, T.Identifier, { LABEL: 'above' }) },
      ],
    });
    this.subrule(3, this.expression, { LABEL: 'threshold' });
    this.OPTION({ GATE: this.isWord('of'), DEF: () => { this.word(5, 'of'); this.subrule(4, this.expression, { LABEL: 'of' }); } });
    this.OPTION2({
      GATE: this.isWord('steps'),
      DEF: () => {
        this.word(6, 'steps');
        this.or(7, {
          ERR_MSG: JSON.stringify({ expected: ['Soft_floor', 'Soft_ceil', 'Soft_exact'] }),
          DEF: [
            { GATE: this.isWord('floor'), ALT: () => this.consume(7, T.Identifier, { LABEL: 'stepMode' }) },
            { GATE: this.isWord('ceil'), ALT: () => this.consume(8, T.Identifier, { LABEL: 'stepMode' }) },
            { GATE: this.isWord('exact'), ALT: () => this.consume(9, T.Identifier, { LABEL: 'stepMode' }) },
          ],
        });
      },
    });
  });

  bandsMethod = this.RULE('bandsMethod', () => {
    this.word(1, 'bands');
    this.OPTION({ GATE: this.isWord('of'), DEF: () => { this.word(2, 'of'); this.subrule(1, this.expression, { LABEL: 'of' }); } });
    this.CONSUME(T.LBrace);
    this.MANY(() => {
      this.SUBRULE(this.bandCondition);
      this.CONSUME(T.Colon);
      this.SUBRULE(this.bandValue);
      this.OPTION2(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RBrace);
  });

  qualitativeMethod = this.RULE('qualitativeMethod', () => {
    this.word(1, 'qualitative');
    this.OPTION({ GATE: this.isWord('of'), DEF: () => { this.word(2, 'of'); this.subrule(1, this.expression, { LABEL: 'of' }); } });
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.qualitativeEntry));
    this.CONSUME(T.RBrace);
  });

  qualitativeEntry = this.RULE('qualitativeEntry', () => {
    this.OR([{ ALT: () => this.CONSUME(T.StringLiteral) }, { ALT: () => this.CONSUME(k('else')) }]);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.bandValue);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  partsMethod = this.RULE('partsMethod', () => {
    this.word(1, 'parts');
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.partEntry));
    this.CONSUME(T.RBrace);
  });

  partEntry = this.RULE('partEntry', () => {
    this.subrule(1, this.expression, { LABEL: 'points' });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.method);
    this.OPTION(() => this.CONSUME(T.Comma));
  });

  // ── Expressions ─────────────────────────────────────────────────────────────────────────
  // A flat sequence `operand (operator operand)*`; build-ast.ts applies precedence. Keeping the
  // grammar flat keeps the concrete tree small (one node per operand, not one per level).

  expression = this.RULE('expression', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.ifExpr) },
      { ALT: () => this.SUBRULE(this.binaryExpr) },
    ]);
  });

  ifExpr = this.RULE('ifExpr', () => {
    this.CONSUME(k('if'));
    this.SUBRULE(this.expression);
    this.CONSUME(k('then'));
    this.SUBRULE2(this.expression);
    this.CONSUME(k('else'));
    this.SUBRULE3(this.expression);
  });

  binaryExpr = this.RULE('binaryExpr', () => {
    this.SUBRULE(this.operand);
    this.MANY(() => {
      this.SUBRULE(this.binaryOperator);
      this.SUBRULE2(this.operand);
    });
  });

  binaryOperator = this.RULE('binaryOperator', () => {
    this.OR([
      { ALT: () => this.CONSUME(k('or')) },
      { ALT: () => this.CONSUME(k('and')) },
      { ALT: () => this.CONSUME(T.Approx) },
      { ALT: () => this.CONSUME(T.NotEqual) },
      { ALT: () => this.CONSUME(T.LessEqual) },
      { ALT: () => this.CONSUME(T.GreaterEqual) },
      { ALT: () => this.CONSUME(T.Equal) },
      { ALT: () => this.CONSUME(T.Less) },
      { ALT: () => this.CONSUME(T.Greater) },
      { ALT: () => this.CONSUME(k('within')) },
      { ALT: () => this.CONSUME(T.Plus) },
      { ALT: () => this.CONSUME(T.Minus) },
      { ALT: () => this.CONSUME(T.Times) },
      { ALT: () => this.CONSUME(T.Divide) },
      { ALT: () => this.CONSUME(T.Coalesce) },
    ]);
  });

  /** Prefix operators (`-`, `not`) and a postfix chain. */
  operand = this.RULE('operand', () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(k('not')) }]);
    });
    this.SUBRULE(this.postfix);
  });

  postfix = this.RULE('postfix', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(T.Dot); this.SUBRULE(this.memberName); } },
        { ALT: () => { this.CONSUME(T.LBracket); this.SUBRULE(this.expression); this.CONSUME(T.RBracket); } },
        { ALT: () => { this.CONSUME(k('as')); this.CONSUME(T.MoneyUnit); } },
      ]);
    });
  });

  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.NumberLiteral); this.OPTION(() => this.CONSUME(T.MoneyUnit)); } },
      { ALT: () => this.CONSUME(T.PercentLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(k('true')) },
      { ALT: () => this.CONSUME(k('false')) },
      { ALT: () => this.CONSUME(k('blank')) },
      { ALT: () => { this.CONSUME(T.LParen); this.SUBRULE(this.expression); this.CONSUME(T.RParen); } },
      { ALT: () => this.SUBRULE(this.callOrName) },
    ]);
  });

  /** A name, or a call: `round(x, 2)`, `sum(x.金额 for x in 表 where …)`. `count` and `key` are keywords and functions. */
  callOrName = this.RULE('callOrName', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.name) },
      { ALT: () => this.CONSUME(k('count')) },
      { ALT: () => this.CONSUME(k('key')) },
      // `tolerance`: the rule's tolerance, shown in messages as {tolerance}.
      { ALT: () => this.CONSUME(k('tolerance')) },
    ]);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OPTION2(() => {
        this.SUBRULE(this.expression);
        this.OR2([
          {
            ALT: () => {
              this.CONSUME(k('for'));
              this.SUBRULE2(this.name);
              this.CONSUME(k('in'));
              this.SUBRULE2(this.expression);
              this.OPTION3(() => { this.CONSUME(k('where')); this.SUBRULE3(this.expression); });
            },
          },
          { ALT: () => this.MANY(() => { this.CONSUME(T.Comma); this.SUBRULE4(this.expression); }) },
        ]);
      });
      this.CONSUME(T.RParen);
    });
  });
}

let instance: SuanGrammar | undefined;

/**
 * The one parser instance, reused for every parse (chevrotain parsers are built once and reset
 * per input). Built on first use: building it takes ~50 ms, which a run that reads a compiled
 * ruleset (syntax trees included) never needs.
 */
export function grammar(): SuanGrammar {
  return (instance ??= new SuanGrammar());
}

export type { IToken };

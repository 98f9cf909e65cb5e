// The shape of the registration wording (flows/registration.ts), checked with zod when it loads so a
// typo in a label or a missing message fails at start, not in front of a member.
import { z } from "zod";
import { AFFILIATIONS } from "../../src/engine/types.js";

/** A quick-reply or button label: LINE cuts labels at 20 characters. */
const Label = z.string().min(1).max(20);
/** One chat bubble; `{name}` placeholders are filled by the engine. */
const Text = z.string().min(1).max(1500);
const Words = z.array(z.string().min(1)).min(1);

const Field = z.object({
  /** The portal's name of the field, used in the confirm card, the picker and error messages. */
  label: z.string().min(1).max(20),
  /** Short label for the 「修正する」 picker. */
  pick: Label,
  /** The question, with where to find the answer and an example. */
  prompt: Text,
  /** A longer explanation for 「ヘルプ」. */
  hint: Text,
  example: z.string().min(1).max(60),
});

const NameErrors = z.object({ empty: Text, tooLong: Text, digitsOnly: Text, emoji: Text, noLetters: Text });

export const RegistrationCopySchema = z
  .object({
    /** Longest text read as an answer; anything longer is refused before any other work. */
    maxInput: z.number().int().min(50).max(1000),
    maxNameLength: z.number().int().min(1).max(100),
    maxClinicLength: z.number().int().min(1).max(200),
    intro: z.array(Text).min(1).max(2),
    fields: z.object({
      familyName: Field,
      givenName: Field,
      affiliation: Field,
      agreementKind: Field,
      registrationDigits: Field,
      clinicName: Field,
      phoneNumber: Field,
      email: Field,
    }),
    affiliations: z
      .array(z.object({ value: z.enum(AFFILIATIONS), label: Label, words: Words }))
      .length(AFFILIATIONS.length),
    agreementKinds: z.array(z.object({ value: z.enum(["協", "契"]), label: Label, words: Words })).length(2),
    errors: z.object({
      name: NameErrors,
      clinic: NameErrors,
      affiliation: Text,
      agreementKind: Text,
      digits: z.object({ empty: Text, notDigits: Text, wrongLength: Text }),
      phone: z.object({
        empty: Text,
        notDigits: Text,
        noLeadingZero: Text,
        wrongLength: Text,
        landlineLength: Text,
        mobileLength: Text,
      }),
      email: z.object({ empty: Text, tooLong: Text, noAt: Text, badLocal: Text, badDomain: Text }),
      nameHasSpace: Text,
    }),
    messages: z.object({
      progress: z.string().min(1),
      /** After a question answered at 入力内容確認: the card's choices, without sending the card again. */
      backAtCard: Text,
      currentValue: Text,
      nameSplit: Text,
      numberDerived: Text,
      /** Several fields pasted at once: {fields} taken (the card or the next question follows). */
      blockTaken: Text,
      clinicConfirm: Text,
      emailCaseOffer: Text,
      /** 「ogawa sekkotsu@gmail.com」: the address joined, to confirm. */
      emailSpaceOffer: Text,
      /** 「やまだ あっと じーめーる どっと こむ」: the address it spells, to confirm. */
      emailSpokenOffer: Text,
      passwordRule: Text,
      passwordRefused: Text,
      passwordNotHere: Text,
      nonText: Text,
      tooLong: Text,
      stale: Text,
      staleIdle: Text,
      pressButton: Text,
      /** At the card, 「ポータルで押したんです」: the card is this LINE's, not the portal's. */
      cardNotPortal: Text,
      help: Text,
      backTo: Text,
      backFirst: Text,
      backToConfirm: Text,
      cancelAsk: Text,
      cancelled: Text,
      cancelKept: Text,
      restartAsk: Text,
      restarted: Text,
      resumeAsk: Text,
      resumeComplete: Text,
      /** 「登録」「続きから」 from a member whose portal registration is already recorded. */
      alreadyRegistered: Text,
      editAsk: Text,
      later: Text,
      notReady: Text,
      /** 「シート」 with nothing entered yet (or after 「データ削除」). */
      notStarted: Text,
    }),
    buttons: z.object({
      /** Shows the 入力内容確認 card again. */
      showCard: Label,
      /** After the portal registration: the copy sheet, and the card to prepare it again. */
      sheet: Label,
      review: Label,
      progress: Label,
      yes: Label,
      no: Label,
      keep: Label,
      back: Label,
      help: Label,
      cancel: Label,
      cancelYes: Label,
      cancelNo: Label,
      restartYes: Label,
      restartNo: Label,
      resume: Label,
      restart: Label,
      clinicYes: Label,
      clinicNo: Label,
      mailYes: Label,
      mailRetry: Label,
      ok: Label,
      edit: Label,
      editDone: Label,
      copy: Label,
      linkSent: Label,
      later: Label,
      openPortal: Label,
    }),
    confirmCard: z.object({
      altText: Text,
      title: z.string().min(1),
      lead: z.string().min(1),
      rows: z.object({
        familyName: z.string(),
        givenName: z.string(),
        affiliation: z.string(),
        registrationNumber: z.string(),
        clinicName: z.string(),
        phoneNumber: z.string(),
        email: z.string(),
      }),
      missing: z.string().min(1),
    }),
    copySheet: z.object({
      altText: Text,
      title: z.string().min(1),
      lead: z.string().min(1),
      choose: z.string().min(1),
      auto: z.string().min(1),
      passwordLabel: z.string().min(1),
      passwordValue: z.string().min(1),
      portalUrl: z.url(),
      steps: Text,
      report: Text,
    }),
    /** Words compared after normalization (NFKC, lower case, no spaces or punctuation). */
    commands: z.object({ cancel: Words, back: Words, restart: Words, help: Words }),
    /** `keep`: 「そのままで」「このままでいい」 typed for the そのまま button (a value already given). */
    answers: z.object({ yes: Words, no: Words, keep: Words }),
    reading: z.object({
      surnames: Words,
      clinicWords: Words,
      sentenceMarkers: Words,
      clinicSentenceMarkers: Words,
      skipWords: Words,
      notNames: Words,
      predicateEndings: Words,
      backWords: Words,
      correctionWords: Words,
      /** At the card, a question about later (「メールはあとから変えられるの？」): for the FAQ, not a correction. */
      laterWords: Words,
      /** At the field list, 「ちがうの、聞いてるだけ」: no correction meant, back to the card. */
      onlyAskingWords: Words,
      onlyAsking: Text,
      fieldWords: z.object({
        email: Words,
        phoneNumber: Words,
        clinicName: Words,
        registrationDigits: Words,
        agreementKind: Words,
        affiliation: Words,
        givenName: Words,
        familyName: Words,
      }),
      /** Labels at the start of a pasted block's lines (「氏名　小川　正夫」「TEL 048…」). */
      blockLabels: z.object({
        name: Words,
        familyName: Words,
        givenName: Words,
        clinicName: Words,
        phoneNumber: Words,
        email: Words,
        registrationNumber: Words,
        affiliation: Words,
      }),
      mailDomains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).min(1),
      carrierDomains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).min(1),
      messages: z.object({
        nameSplitAsk: Text,
        /** A long name in kana with no space at 姓 (「おがわしょういち」): both, or only the family name? */
        kanaWholeAsk: Text,
        givenSurnameAsk: Text,
        clinicAtName: Text,
        affiliationAtName: Text,
        affiliationAtClinic: Text,
        dataAtName: Text,
        sentenceAtName: Text,
        dataAtClinic: Text,
        sentenceAtClinic: Text,
        skipAtClinic: Text,
        affiliationAgain: Text,
        exampleNumber: Text,
        /** Said once a carrier's address is taken (docomo.ne.jp…): its filter may refuse the portal's mail. */
        carrierMail: Text,
        taken: Text,
        phoneExtension: Text,
        digitsAtKind: Text,
        digitsShortAtKind: Text,
        emailTypoAsk: Text,
        emailDots: Text,
        replaceAsk: Text,
        replaced: Text,
        editSeveral: Text,
        backToField: Text,
        okMeans: Text,
        takenSeveral: Text,
        reopenField: Text,
        sentenceAtField: Text,
        noMail: Text,
      }),
      buttons: z.object({
        splitYes: Label,
        splitFamilyOnly: Label,
        splitRetry: Label,
        givenKeep: Label,
        givenFixFamily: Label,
        typoFix: Label,
        typoKeep: Label,
        replaceYes: Label,
        replaceNo: Label,
        later: Label,
        askPerson: Label,
      }),
    }),
  })
  .strict();

export type RegistrationCopy = z.infer<typeof RegistrationCopySchema>;
export type RegistrationCopyInput = z.input<typeof RegistrationCopySchema>;

/** The KLA pages' words, registered when the first of them loads (decision 040). */
import { addMessages } from '../../i18n/index.ts';
import { en, id } from '../../i18n/parts/kla.ts';

addMessages({ id, en });
